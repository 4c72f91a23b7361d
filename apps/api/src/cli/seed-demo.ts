import { getConfig } from '@sanbao/config';
import { existsSync, readFileSync } from 'fs';
import { resolve } from 'path';
import { TemporalClientService, TemporalIssueWorkflows } from '@sanbao/temporal';
import { cliContext } from './cli-context';
import { PASSWORD, PEOPLE } from './demo/demo-county';
import { seedCounty } from './demo/seed-county';
import { seedIssues } from './demo/seed-issues';

/**
 * `npm run seed:demo`: a demo county to try everything with. Needs the stack running
 * (`npm start`: the worker drives the issues). Safe to run again: townships, villages and users
 * are kept, and the issues' request ids make every act happen once.
 */
async function main(): Promise<void> {
  useLocalWorkflowSecrets();
  const config = getConfig();
  const context = await cliContext(config);
  const temporal = new TemporalClientService(config);
  try {
    const actor = await seedCounty(context);
    await seedIssues(new TemporalIssueWorkflows(temporal, config), actor, config.deadlinePolicy);
    console.log(`\n[seed:demo] demo county ready. Every demo user's password: ${PASSWORD}`);
    for (const person of PEOPLE) {
      const scope = person.villageCode ?? person.townshipCode ?? person.sector ?? 'county';
      console.log(
        `  ${person.username.padEnd(11)} ${person.role.padEnd(10)} ${scope.padEnd(13)} ${person.displayName}`,
      );
    }
  } finally {
    await temporal.onModuleDestroy();
    await context.close();
  }
}

/**
 * The issues must get the workflow ids the running apps compute and payloads their worker can
 * read: next to `npm start`, without WORKFLOW_ID_SECRET or WORKFLOW_PAYLOAD_KEY set, those are
 * the ones the local stack keeps under the data folder.
 */
function useLocalWorkflowSecrets(): void {
  const local = {
    WORKFLOW_ID_SECRET: 'workflow-id-secret',
    WORKFLOW_PAYLOAD_KEY: 'workflow-payload-key',
  };
  for (const [name, fileName] of Object.entries(local)) {
    if (process.env[name]) continue;
    const file = resolve(process.env.SANBAO_DATA_DIR || '.data', fileName);
    if (existsSync(file)) process.env[name] = readFileSync(file, 'utf8').trim();
  }
}

main().catch((error: unknown) => {
  // A refused act names its reason (the workflow validator's message), or its cause does.
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[seed:demo] failed: ${message}${cause ? `: ${cause}` : ''}`);
  console.error('Is the stack running (npm start), and the database migrated (npm run migrate)?');
  process.exit(1);
});
