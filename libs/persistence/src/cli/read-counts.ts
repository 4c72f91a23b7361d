import { getConfig } from '@sanbao/config';
import { createDataSource } from '../data-source';
import { checkReadCounts, rebuildReadCounts, setReadCountsZone } from '../read-counts';

/**
 * `npm run counts:check`: compares the counts kept for the monthly report and the dashboard
 * with a full count from the audit trail, the ledger and the lapses, and prints every
 * difference (exit code 1 when there is one).
 *
 *   npm run counts:check -- --rebuild   count everything again first (after a bulk load)
 *   npm run counts:check -- --zone      keep them in the county's time zone (DEADLINE_POLICY_FILE)
 */
async function main(): Promise<void> {
  const config = getConfig();
  const source = createDataSource(config.database.url);
  await source.initialize();
  try {
    if (process.argv.includes('--zone')) {
      const zone = config.deadlinePolicy.timeZone;
      await setReadCountsZone(source, zone);
      console.log(`[counts] kept in months of ${zone}, counted again`);
    }
    if (process.argv.includes('--rebuild')) {
      const started = Date.now();
      await rebuildReadCounts(source);
      console.log(`[counts] counted again in ${Date.now() - started} ms`);
    }
    const started = Date.now();
    const differences = await checkReadCounts(source);
    const ms = Date.now() - started;
    for (const d of differences.slice(0, 50)) {
      console.log(`[counts] ${d.what} ${d.key}: kept ${d.kept}, counted ${d.counted}`);
    }
    if (differences.length > 0) {
      console.log(`[counts] ${differences.length} difference(s) from a full count (${ms} ms)`);
      process.exitCode = 1;
    } else {
      console.log(`[counts] the kept counts equal a full count (${ms} ms)`);
    }
  } finally {
    await source.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`[counts] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
