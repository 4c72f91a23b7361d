import { Module } from '@nestjs/common';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationReportsService } from './reconciliation.service';

@Module({
  controllers: [ReconciliationController],
  providers: [ReconciliationReportsService],
})
export class ReconciliationModule {}
