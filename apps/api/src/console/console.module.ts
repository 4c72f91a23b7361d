import { Module } from '@nestjs/common';
import { IssueHistoryService } from '../issues/history.service';
import { IssuesModule } from '../issues/issues.module';
import { ConsoleFiles } from './console-files';
import { ConsoleStaticController } from './console-static.controller';
import { ConsoleViewsController } from './console-views.controller';
import { ConsoleViewsService } from './console-views.service';
import { DashboardRepository } from './dashboard.repository';

/**
 * The staff web console: its built files at /console (and / sends people there), and the few
 * read routes it needs beyond the County API's own, under /console-api.
 */
@Module({
  imports: [IssuesModule],
  controllers: [ConsoleStaticController, ConsoleViewsController],
  providers: [ConsoleFiles, ConsoleViewsService, DashboardRepository, IssueHistoryService],
})
export class ConsoleModule {}
