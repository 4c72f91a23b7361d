import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { UserAuthModule } from '@sanbao/auth';
import { AppConfig } from '@sanbao/config';
import { usesPostgres } from '@sanbao/persistence';
import {
  CalendarProbe,
  HealthController,
  infrastructure,
  MetricsController,
} from '@sanbao/runtime';
import { usesTemporal } from '@sanbao/temporal';
import { AdminModule } from './admin/admin.module';
import { BureauFilesModule } from './bureau-files/bureau-files.module';
import { AuthController } from './auth/auth.controller';
import { signInThrottlers } from './auth/sign-in-throttle';
import { ApiExceptionFilter } from './common/exception.filter';
import { validationPipe } from '@sanbao/contracts';
import { ApiError } from './common/api.errors';
import { ConsoleModule } from './console/console.module';
import { IssuesModule } from './issues/issues.module';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { ReportsModule } from './reports/reports.module';

/**
 * The County API: people sign in, act on issues (Temporal Updates) and read the ledger,
 * histories, accountability and monthly reports. Every route needs a token except /health,
 * /metrics (Prometheus; counts only), /auth/sign-in and the OpenAPI page.
 */
@Module({})
export class ApiAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiAppModule,
      imports: [
        ...infrastructure(config, [usesPostgres(), usesTemporal()], { probes: [CalendarProbe] }),
        UserAuthModule.forRoot({ publicControllers: [HealthController, MetricsController] }),
        ThrottlerModule.forRoot({ throttlers: signInThrottlers(config.auth.signInRateLimit) }),
        AdminModule,
        IssuesModule,
        ReportsModule,
        ReconciliationModule,
        ConsoleModule,
        BureauFilesModule,
      ],
      controllers: [AuthController],
      providers: [
        {
          provide: APP_PIPE,
          useFactory: () =>
            validationPipe(
              (fields) => new ApiError('invalid_content', 'the request has invalid fields', fields),
            ),
        },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
