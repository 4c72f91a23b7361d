/**
 * The term-start roster of issue 16: 20,000 children of watched households, 5 % absent, as the
 * education bureau delivers it (one batch through the education service's own ingest: its
 * rule raises a `not_returned` signal per absent child), through the intake and the worker to
 * the last ledger row.
 */
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@sanbao/config';
import { issueKey } from '@sanbao/domain';
import { IngestService } from '@sanbao/ingest';
import { NatsService } from '@sanbao/messaging';
import { Pool } from 'pg';
import { EducationAppModule } from '../../apps/education/src/app.module';
import { sleep } from './support';

const VILLAGE = '522633101201';
const TOWNSHIP = '522633101';

export interface RosterRun {
  children: number;
  absent: number;
  /** the batch checked, the rule applied and every signal published (ms) */
  ingestMs: number;
  /** the upload to the last of its issues in the ledger (ms) */
  lastLedgerMs: number;
  /** issues in the ledger when the wait ended (all of them unless it timed out) */
  inLedger: number;
}

export async function rosterToLedger(
  config: AppConfig,
  db: Pool,
  tag: string,
  children = 20_000,
  absentShare = 0.05,
): Promise<RosterRun> {
  const absentEvery = Math.round(1 / absentShare);
  const records = Array.from({ length: children }, (_, i) => ({
    householdId: `HR${tag.toUpperCase()}${String(i).padStart(6, '0')}`,
    personRef: `CR${i}`,
    villageCode: VILLAGE,
    townshipCode: TOWNSHIP,
    householdCategory: 'unstable',
    birthDate: '2015-05-05',
    enrolledLastTerm: true,
    attendance: i % absentEvery === 0 ? 'absent' : 'enrolled',
  }));
  const keys = records
    .filter((r) => r.attendance === 'absent')
    .map((r) =>
      issueKey({
        sector: 'education',
        subject: { id: r.householdId, personRef: r.personRef },
        kind: 'not_returned',
      }),
    );
  const education = await NestFactory.create(EducationAppModule.forRoot(config), {
    logger: ['error'],
  });
  await education.init();
  try {
    // The service connects in the background; a bureau's batch would be refused until then.
    await education.get(NatsService).ready();
    const t0 = Date.now();
    const reply = await education.get(IngestService).ingest('roster', {
      body: { batchId: `bench-${tag}`, term: '2026-autumn', termStart: '2026-09-01', records },
    });
    const ingestMs = Date.now() - t0;
    if (reply.signalsRaised !== keys.length) {
      throw new Error(`the roster raised ${reply.signalsRaised} signals, not ${keys.length}`);
    }
    let waiting = keys;
    let last = t0;
    const deadline = Date.now() + 20 * 60_000;
    while (waiting.length > 0 && Date.now() < deadline) {
      const { rows } = await db.query<{ issue_key: string; at: Date }>(
        'SELECT issue_key, created_at AS at FROM issue_ledger WHERE issue_key = ANY($1)',
        [waiting],
      );
      for (const row of rows) last = Math.max(last, row.at.getTime());
      const found = new Set(rows.map((r) => r.issue_key));
      waiting = waiting.filter((key) => !found.has(key));
      if (waiting.length > 0) await sleep(500);
    }
    return {
      children,
      absent: keys.length,
      ingestMs,
      lastLedgerMs: last - t0,
      inLedger: keys.length - waiting.length,
    };
  } finally {
    await education.close();
  }
}
