import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import { calendarCoverage, calendarWarning } from '@sanbao/domain';
import { CLOCK, type Clock } from './clock';
import type { HealthProbe } from './health';

/**
 * The holiday calendar of the deadline policy, on the apps that compute deadlines (API and
 * worker). A missing year is a warning, not an outage: the app stays 200 ("up") and the details
 * say `level: "warn"` with the missing years, so monitoring can alert without a load balancer
 * taking the app out. The same warning is logged at start-up.
 */
@Injectable()
export class CalendarProbe implements HealthProbe, OnApplicationBootstrap {
  private readonly logger = new Logger('Calendar');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const policy = this.config.deadlinePolicy;
    const warning = calendarWarning(policy, this.clock());
    if (warning) this.logger.warn(warning.message);
    else {
      const years = calendarCoverage(policy).years.join(', ') || 'no year';
      this.logger.log(`deadline policy ${policy.version}: holiday lists cover ${years}`);
    }
  }

  async check(indicators: HealthIndicatorService): Promise<HealthIndicatorResult> {
    const policy = this.config.deadlinePolicy;
    const warning = calendarWarning(policy, this.clock());
    return indicators.check('calendar').up({
      level: warning ? 'warn' : 'ok',
      policyVersion: policy.version,
      dayKind: policy.dayKind,
      coveredYears: calendarCoverage(policy).years,
      ...(warning ? { missingYears: warning.missingYears, message: warning.message } : {}),
    });
  }
}
