import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Database, PersistenceModule } from './persistence.module';

/** PostgreSQL as an app's health endpoint reports it: connected, and answering a query. */
@Injectable()
export class DatabaseProbe {
  constructor(private readonly database: Database) {}

  async check(indicators: HealthIndicatorService): Promise<HealthIndicatorResult> {
    const session = indicators.check('postgres');
    if (!this.database.isConnected) {
      return session.down({ message: this.database.error ?? 'not connected' });
    }
    try {
      await this.database.source.query('SELECT 1');
      return session.up();
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : 'query failed' });
    }
  }
}

/** PostgreSQL for an app that uses it: the database and its probe. */
export function usesPostgres() {
  return { module: PersistenceModule.forRoot(), probe: DatabaseProbe };
}
