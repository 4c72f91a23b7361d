import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@sanbao/config';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';

export class DatabaseUnavailableError extends Error {
  constructor() {
    super('the database is not reachable yet');
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * Owns the process's DataSource. It connects in the background and keeps trying, so an app
 * whose database is away still starts and reports "down" on its health endpoint.
 */
@Injectable()
export class Database implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Database');
  readonly dataSource: DataSource;
  private stopped = false;
  private connecting?: Promise<void>;
  private lastError?: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dataSource = createDataSource(config.database.url, {
      size: config.database.poolSize,
      acquireTimeoutMs: config.database.acquireTimeoutMs,
    });
  }

  onModuleInit(): void {
    this.connecting = this.connectLoop();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.connecting;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  get isConnected(): boolean {
    return this.dataSource.isInitialized;
  }

  get error(): string | undefined {
    return this.lastError;
  }

  /** The DataSource, or a typed error when the database has not been reached yet. */
  get source(): DataSource {
    if (!this.dataSource.isInitialized) throw new DatabaseUnavailableError();
    return this.dataSource;
  }

  private async connectLoop(): Promise<void> {
    let delay = 500;
    while (!this.stopped && !this.dataSource.isInitialized) {
      try {
        await this.dataSource.initialize();
        this.lastError = undefined;
        this.logger.log('connected to PostgreSQL');
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.logger.warn(`PostgreSQL not reachable (${this.lastError}); retrying`);
        await sleepUnless(() => this.stopped, delay);
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }
}

async function sleepUnless(stop: () => boolean, ms: number): Promise<void> {
  const step = 100;
  for (let waited = 0; waited < ms && !stop(); waited += step) {
    await new Promise((resolve) => setTimeout(resolve, step));
  }
}

@Global()
@Module({})
export class PersistenceModule {
  static forRoot(): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [Database],
      exports: [Database],
    };
  }
}
