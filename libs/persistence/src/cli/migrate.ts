import { getConfig } from '@sanbao/config';
import { createDataSource } from '../data-source';
import { ensureDatabase } from '../database-admin';

/** `npm run migrate`: creates the database if missing and runs every pending migration. */
async function main(): Promise<void> {
  const { database } = getConfig();
  const created = await ensureDatabase(database.url);
  if (created) console.log('[migrate] created the database');
  const dataSource = createDataSource(database.url);
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    console.log(`[migrate] ${ran.length} migration(s) applied`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`[migrate] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
