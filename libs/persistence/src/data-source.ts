import { Client, type ClientConfig } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** A database that does not answer within this is away: health checks and queries say so. */
export const CONNECT_TIMEOUT_MS = 3000;

/** How an app's pool is sized; the defaults are the API's (the worker sizes its own). */
export interface PoolOptions {
  /** connections at most */
  size: number;
  /** how long a query waits for a free connection before it fails */
  acquireTimeoutMs: number;
}

export const DEFAULT_POOL: PoolOptions = { size: 10, acquireTimeoutMs: 120_000 };

/**
 * pg's pool reads one `connectionTimeoutMillis` for two waits: for a free connection (its
 * queue) and for a new connection to open. This client keeps the short one for opening only,
 * so the pool's own setting becomes the acquire timeout: a busy pool queues, an absent
 * database fails fast.
 */
class ConnectBoundedClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(
      typeof config === 'string'
        ? { connectionString: config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }
        : { ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
    );
  }
}

/** The schema comes only from migrations; synchronize stays off everywhere. */
export function dataSourceOptions(
  url: string,
  pool: PoolOptions = DEFAULT_POOL,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    extra: {
      max: pool.size,
      connectionTimeoutMillis: pool.acquireTimeoutMs,
      Client: ConnectBoundedClient,
    },
  };
}

export function createDataSource(url: string, pool?: PoolOptions): DataSource {
  return new DataSource(dataSourceOptions(url, pool));
}
