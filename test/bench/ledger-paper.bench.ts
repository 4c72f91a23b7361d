import { Writable } from 'node:stream';
import type { IssueLedgerEntity } from '@sanbao/persistence';
import type { Principal } from '@sanbao/auth';
import { writeLedger } from '../../apps/api/src/console/ledger-paper';
import { ledgerView } from '../../apps/api/src/issues/issue-views';
import { PaperWorkbook, paperCsv } from '../../apps/api/src/papers/paper-writers';

/**
 * CPU time of writing the township export (8,300 ledger rows) as XLSX and CSV, without a
 * database or HTTP: what the export costs beyond its SQL. `ROWS=n` for another size.
 * Prints user+system CPU milliseconds per run (a loaded machine changes wall time, less CPU).
 */
const ROWS = Number(process.env.ROWS ?? 8300);
const RUNS = Number(process.env.RUNS ?? 5);

function rows(): IssueLedgerEntity[] {
  const stages = ['verification', 'township_decision', 'solution_plan', 'resolution', 'closed'];
  return Array.from({ length: ROWS }, (_, i) => {
    const reported = new Date(Date.UTC(2026, 5, 1) + i * 600_000);
    const stage = stages[i % stages.length];
    return {
      issueKey: `issue:education:HH-511921101201-${i}/child-1:not_back_after_term_start`,
      ledgerNo: `2026-EDU-${String(i).padStart(6, '0')}`,
      sector: 'education',
      kind: 'not_back_after_term_start',
      subjectKind: 'household',
      subjectId: `HH-511921101201-${String(i % 9999).padStart(4, '0')}`,
      personRef: 'child-1',
      villageCode: '511921101201',
      townshipCode: '511921101',
      channel: 'village_patrol',
      summary: '家长来电：孩子开学两周仍未返校，村里已上门了解情况。',
      severity: 'general',
      stage,
      status: stage === 'closed' ? 'closed' : 'open',
      closure: stage === 'closed' ? 'resolved' : null,
      reportedAt: reported,
      stageSince: reported,
      currentDueAt: stage === 'closed' ? null : new Date(reported.getTime() + 86_400_000),
      overdueLevel: i % 13 === 0 ? 'red' : 'none',
      deadlines: {},
      responsibleUnit: i % 2 ? 'bureau:education' : '511921101',
      responsiblePerson: '张三',
      completionDate: null,
      measures: ['入户劝返', '联系学校'],
      flags: {},
      reopenCount: 0,
      reminders: 0,
      lapseCount: i % 13 === 0 ? 1 : 0,
      extensionStatus: null,
      sentBackBy: null,
      lastSeq: 5,
      closedAt: stage === 'closed' ? new Date(reported.getTime() + 5 * 86_400_000) : null,
    } as unknown as IssueLedgerEntity;
  });
}

async function* views(source: IssueLedgerEntity[]) {
  const now = new Date();
  for (const row of source) yield ledgerView(row, now);
}

const reader = {
  userId: 'u',
  username: 't',
  name: 't',
  role: 'township',
  townshipCode: '511921101',
};

async function once(format: 'xlsx' | 'csv', source: IssueLedgerEntity[]) {
  let bytes = 0;
  let firstByte = 0;
  const start = process.cpuUsage();
  const startWall = performance.now();
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (bytes === 0) firstByte = performance.now() - startWall;
      bytes += chunk.length;
      done();
    },
  });
  const finished = new Promise((resolve) => sink.on('finish', resolve));
  if (format === 'xlsx') {
    const book = new PaperWorkbook(sink);
    await writeLedger(views(source), reader as Principal, 'zh-CN', 'Asia/Shanghai', (l) =>
      book.sheet(l),
    );
    await book.end();
  } else {
    await writeLedger(views(source), reader as Principal, 'zh-CN', 'Asia/Shanghai', (l) =>
      paperCsv(l, sink),
    );
  }
  await finished;
  const cpu = process.cpuUsage(start);
  return { cpu: (cpu.user + cpu.system) / 1000, firstByte, bytes };
}

async function main() {
  const source = rows();
  for (const format of ['xlsx', 'csv'] as const) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await once(format, source));
    const cpu = runs.map((r) => r.cpu).sort((a, b) => a - b);
    console.log(
      `${format} ${ROWS} rows: CPU ms per run (sorted) ${cpu.map((c) => c.toFixed(0)).join(' ')}; ` +
        `median ${cpu[Math.floor(cpu.length / 2)].toFixed(0)}; first byte after ` +
        `${runs.map((r) => r.firstByte.toFixed(0)).join(' ')} ms (wall); ${(runs[0].bytes / 1024).toFixed(0)} kB`,
    );
  }
}

void main();
