import { createDataSource, dropDatabase, ensureDatabase } from '@sanbao/persistence';
import { uniqueId } from './env';

/**
 * A database of a suite's own, beside the run's shared one: for suites whose check reads the
 * whole database (the reconciliation compares every open ledger row), which other suites'
 * rows in the shared database would disturb.
 */
export class OwnDatabase {
  private constructor(readonly url: string) {}

  /** The URL only (no I/O): for configurations built when the suite's module loads. */
  static url(label: string): string {
    const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/x');
    url.pathname = `/${uniqueId(label).replace(/-/g, '_')}`;
    return url.toString();
  }

  /** Creates the database at `url` and runs every migration on it. */
  static async create(url: string): Promise<OwnDatabase> {
    await ensureDatabase(url);
    const source = createDataSource(url);
    await source.initialize();
    await source.runMigrations();
    await source.destroy();
    return new OwnDatabase(url);
  }

  async drop(): Promise<void> {
    await dropDatabase(this.url).catch(() => undefined);
  }
}
