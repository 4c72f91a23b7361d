import { Module } from '@nestjs/common';
import { ReportScheduleService } from './report-schedule.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  controllers: [ReportsController],
  providers: [ReportsService, ReportScheduleService],
  exports: [ReportScheduleService],
})
export class ReportsModule {}
