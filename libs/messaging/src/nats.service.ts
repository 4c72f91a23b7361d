import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@sanbao/config';
import {
  connect,
  ConnectionOptions,
  Events,
  JetStreamClient,
  JetStreamManager,
  NatsConnection,
  NatsError,
} from 'nats';
import { ensureStreams, StreamSet } from './streams';

/**
 * How a process reaches NATS: the servers and, where the server has accounts, this part's user
 * and password (docs/security.md). Every client (apps, stack, tests) connects through this.
 */
export function natsConnectOptions(nats: AppConfig['nats']): ConnectionOptions {
  return nats.user === undefined
    ? { servers: nats.servers }
    : { servers: nats.servers, user: nats.user, pass: nats.pass };
}

export class NatsUnavailableError extends Error {
  constructor() {
    super('NATS is not reachable yet');
    this.name = 'NatsUnavailableError';
  }
}

/**
 * One NATS connection per process. It connects in the background and reconnects for ever, so
 * an app whose NATS is away still starts and reports "down" on its health endpoint.
 */
@Injectable()
export class NatsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Nats');
  private connection?: NatsConnection;
  private connecting?: Promise<void>;
  private stopped = false;
  private readyWaiters: Array<(nc: NatsConnection) => void> = [];
  readonly prefix: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.prefix = config.nats.prefix;
  }

  onModuleInit(): void {
    this.connecting = this.connectLoop();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.connecting;
    if (this.connection && !this.connection.isClosed()) {
      await this.connection.drain().catch(() => this.connection?.close());
    }
  }

  get isConnected(): boolean {
    return this.connection !== undefined && !this.connection.isClosed();
  }

  /** The live connection, or a typed error while NATS has not been reached. */
  get nc(): NatsConnection {
    if (!this.connection || this.connection.isClosed()) throw new NatsUnavailableError();
    return this.connection;
  }

  /**
   * Resolves once connected (for background consumers that should simply wait). Pass the
   * caller's abort signal so that a shutdown while NATS is away does not wait for ever.
   */
  ready(signal?: AbortSignal): Promise<NatsConnection> {
    if (this.isConnected) return Promise.resolve(this.nc);
    if (signal?.aborted) return Promise.reject(new NatsUnavailableError());
    return new Promise((resolve, reject) => {
      const waiter = (nc: NatsConnection) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(nc);
      };
      const onAbort = () => {
        this.readyWaiters = this.readyWaiters.filter((w) => w !== waiter);
        reject(new NatsUnavailableError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.readyWaiters.push(waiter);
    });
  }

  jetstream(): JetStreamClient {
    return this.nc.jetstream();
  }

  jetstreamManager(): Promise<JetStreamManager> {
    return this.nc.jetstreamManager();
  }

  /** Creates or updates the system's streams; safe to call from every app at start. */
  async ensureStreams(): Promise<StreamSet> {
    return ensureStreams(await this.jetstreamManager(), this.prefix);
  }

  /** Round trip to the server within the deadline: true when NATS answers. */
  async ping(timeoutMs = 2000): Promise<boolean> {
    if (!this.isConnected) return false;
    try {
      await Promise.race([
        this.nc.flush(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
      ]);
      return true;
    } catch {
      return false;
    }
  }

  private async connectLoop(): Promise<void> {
    let delay = 500;
    while (!this.stopped && !this.connection) {
      try {
        const nc = await connect({
          ...natsConnectOptions(this.config.nats),
          name: `sanbao-${process.pid}`,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 1000,
          timeout: 3000,
        });
        this.connection = nc;
        this.logger.log('connected to NATS');
        void this.watchStatus(nc);
        for (const resolve of this.readyWaiters.splice(0)) resolve(nc);
      } catch (error) {
        const message = error instanceof NatsError ? error.code : String(error);
        this.logger.warn(`NATS not reachable (${message}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === Events.Disconnect || status.type === Events.Reconnect) {
        this.logger.warn(`NATS ${status.type}`);
      }
    }
  }
}
