import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { APP_CONFIG, AppConfig } from '@sanbao/config';
import { issueDataConverter } from './payload-codec';

/**
 * The Temporal client of a process. The connection is lazy: the app starts even when the
 * Temporal frontend is away, and health reports it down until it answers.
 */
@Injectable()
export class TemporalClientService implements OnModuleDestroy {
  readonly connection: Connection;
  readonly client: Client;
  readonly taskQueue: string;
  readonly namespace: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.connection = Connection.lazy({ address: config.temporal.address });
    this.namespace = config.temporal.namespace;
    this.taskQueue = config.temporal.taskQueue;
    this.client = new Client({
      connection: this.connection,
      namespace: this.namespace,
      dataConverter: issueDataConverter(config.temporal),
    });
  }

  /** True when the frontend answers its gRPC health check within the deadline. */
  async ping(timeoutMs = 2000): Promise<boolean> {
    try {
      const response = await this.connection.withDeadline(Date.now() + timeoutMs, () =>
        this.connection.healthService.check({}),
      );
      // 1 = SERVING in grpc.health.v1.
      return Number(response.status) === 1;
    } catch {
      return false;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}
