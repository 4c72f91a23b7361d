/**
 * A county at province scale for `npm run bench:reads`, written with COPY (no API, no workflow):
 * 20 townships x 15 villages, 4 sectors, issues reported evenly over the three years up to
 * now, each with the record a real issue leaves (about 6 audit entries), lapses where a stage
 * ran late (about 8 %), and the open issues of the last days, the stuck ones and the
 * extensions being voted on that the work lists show. Deterministic: the same seed and size
 * give the same county.
 */
import { Client, Query } from 'pg';

export const TOWNSHIPS = 20;
export const VILLAGES_PER_TOWNSHIP = 15;
export const SECTORS = ['education', 'medical', 'housing', 'water'] as const;
const CODES: Record<string, string> = {
  education: 'EDU',
  medical: 'MED',
  housing: 'HOU',
  water: 'WAT',
};
const KINDS: Record<string, string> = {
  education: 'not_enrolled',
  medical: 'uninsured',
  housing: 'unsafe_house',
  water: 'outage',
};
/** stage, the act that ends it, its limit in days */
const STEPS: Array<[string, string, number]> = [
  ['verification', 'verification', 3],
  ['township_decision', 'townshipDecision', 5],
  ['solution_plan', 'solutionPlan', 10],
  ['resolution', 'completion', 30],
  ['write_off', 'writeOffCheck', 5],
];
const DAY = 86_400_000;
const YEARS = 3;
const SHANGHAI = 8 * 3600_000;

export const townshipCode = (t: number) => `511921${String(101 + t)}`;
export const villageCode = (t: number, v: number) => `${townshipCode(t)}${String(201 + v)}`;

/** mulberry32: small, fast, seeded */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const N = '\\N';

/** COPY ... FROM STDIN on a connection of its own, fed text with backpressure. */
class CopyIn {
  private connection?: { stream: NodeJS.WritableStream & { writableNeedDrain?: boolean } };
  private opened: Promise<void>;
  readonly done: Promise<void>;
  private buffer: string[] = [];
  private size = 0;

  constructor(client: Client, sql: string) {
    let open!: () => void;
    let finish!: () => void;
    let fail!: (error: Error) => void;
    this.opened = new Promise((resolve) => (open = resolve));
    this.done = new Promise((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    let settled = false;
    const query = new Query(sql) as Query & {
      handleCopyInResponse: (connection: unknown) => void;
    };
    query.handleCopyInResponse = (connection) => {
      this.connection = connection as CopyIn['connection'];
      open();
    };
    query.on('end', () => !settled && ((settled = true), finish()));
    query.on('error', (error: Error) => {
      settled = true;
      open();
      fail(error);
    });
    void client.query(query);
  }

  async line(fields: Array<string | number | null>): Promise<void> {
    const text = fields.map((f) => (f === null ? N : String(f))).join('\t') + '\n';
    this.buffer.push(text);
    this.size += text.length;
    if (this.size > 512 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    await this.opened;
    const connection = this.connection as CopyIn['connection'] & {
      sendCopyFromChunk(chunk: Buffer): void;
    };
    connection.sendCopyFromChunk(Buffer.from(this.buffer.join(''), 'utf8'));
    this.buffer = [];
    this.size = 0;
    if (connection.stream.writableNeedDrain) {
      await new Promise((resolve) => connection.stream.once('drain', resolve));
    }
  }

  async end(): Promise<void> {
    await this.flush();
    (this.connection as unknown as { endCopyFrom(): void }).endCopyFrom();
    await this.done;
  }
}

export interface SeedFigures {
  issues: number;
  audit: number;
  lapses: number;
  open: number;
  voting: number;
}

/** Writes the county into an empty, migrated (up to the read indexes) database. */
export async function seedCounty(databaseUrl: string, issues: number): Promise<SeedFigures> {
  const clients = await Promise.all(
    [0, 1, 2, 3].map(async () => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  try {
    const [divisions] = clients;
    for (let t = 0; t < TOWNSHIPS; t++) {
      await divisions.query(`INSERT INTO township (code, name) VALUES ($1, $2)`, [
        townshipCode(t),
        `乡镇${t + 1}`,
      ]);
      for (let v = 0; v < VILLAGES_PER_TOWNSHIP; v++) {
        await divisions.query(
          `INSERT INTO village (code, name, township_code) VALUES ($1, $2, $3)`,
          [villageCode(t, v), `村${t + 1}-${v + 1}`, townshipCode(t)],
        );
      }
    }
    const ledger = new CopyIn(
      clients[1],
      `COPY issue_ledger (issue_key, ledger_no, sector, kind, subject_kind, subject_id,
         village_code, township_code, channel, summary, severity, stage, status, closure,
         reported_at, stage_since, current_due_at, overdue_level, responsible_unit,
         lapse_count, extension_status, last_seq, closed_at) FROM STDIN`,
    );
    const audit = new CopyIn(
      clients[2],
      `COPY issue_audit (ledger_no, issue_key, seq, request_id, kind, actor, at, stage, summary,
         payload) FROM STDIN`,
    );
    const lapses = new CopyIn(
      clients[3],
      `COPY issue_lapse (issue_key, ledger_no, sector, township_code, village_code, stage, unit,
         due_at, detected_at, level, resolved_at, days_late) FROM STDIN`,
    );
    const figures = await writeIssues(issues, ledger, audit, lapses);
    await Promise.all([ledger.end(), audit.end(), lapses.end()]);
    return figures;
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

async function writeIssues(
  count: number,
  ledger: CopyIn,
  audit: CopyIn,
  lapses: CopyIn,
): Promise<SeedFigures> {
  const rnd = random(20261201);
  const now = Date.now();
  const start = now - YEARS * 365 * DAY;
  const numbers = new Map<string, number>();
  const figures: SeedFigures = { issues: count, audit: 0, lapses: 0, open: 0, voting: 0 };
  const actor = JSON.stringify({ id: 'user:bench', name: '测试', role: 'village' });
  for (let i = 0; i < count; i++) {
    const reported = Math.floor(start + ((now - start - 3600_000) * (i + rnd())) / count);
    const sector = SECTORS[Math.floor(rnd() * SECTORS.length)];
    const t = Math.floor(rnd() * TOWNSHIPS);
    const v = Math.floor(rnd() * VILLAGES_PER_TOWNSHIP);
    const village = villageCode(t, v);
    const township = townshipCode(t);
    // Ledger numbers run per year (county time) and sector; this year's water ones are
    // started near a million so that numbers of seven digits are in the ledger too.
    const year = new Date(reported + SHANGHAI).getUTCFullYear();
    const series = `${year}-${CODES[sector]}`;
    const last =
      numbers.get(series) ??
      (sector === 'water' && year === new Date(now + SHANGHAI).getUTCFullYear() ? 999_000 : 0);
    numbers.set(series, last + 1);
    const ledgerNo = `${series}-${String(last + 1).padStart(6, '0')}`;
    const issueKey = `issue:${sector}:HH-${village}-${i}:${KINDS[sector]}`;
    const fate = rnd();
    const decision = fate < 0.15 ? 'persuade' : fate < 0.25 ? 'unfounded' : 'forward';
    const steps = decision === 'forward' ? STEPS : STEPS.slice(0, 2);
    const stuckAt = rnd() < 0.02 ? Math.floor(rnd() * steps.length) : -1;

    const entries: Array<[string, number, string, string]> = [
      ['opened', reported, 'verification', '{}'],
    ];
    let at = reported;
    let stage = 'verification';
    let lapseCount = 0;
    let late = false;
    let done = true;
    let responsible: string | null = null;
    for (let s = 0; s < steps.length; s++) {
      const [stepStage, act, limitDays] = steps[s];
      stage = stepStage;
      const due = at + limitDays * DAY;
      const overdue = s === stuckAt || rnd() < 0.017;
      const gap =
        s === stuckAt
          ? Infinity
          : limitDays * DAY * (overdue ? 1.05 + rnd() * 2 : 0.05 + rnd() * 0.85);
      const next = at + gap;
      if (overdue && due < now) {
        lapseCount += 1;
        entries.push(['overdue', due, stepStage, '{}']);
        const resolved = next < now ? next : null;
        const unit = s === 0 ? village : s === 1 || s === 4 ? township : `bureau:${sector}`;
        await lapses.line([
          issueKey,
          ledgerNo,
          sector,
          township,
          village,
          stepStage,
          unit,
          iso(due),
          iso(due),
          resolved === null || resolved - due > DAY ? 'red' : 'yellow',
          resolved === null ? null : iso(resolved),
          resolved === null ? null : ((resolved - due) / DAY).toFixed(3),
        ]);
        figures.lapses += 1;
        late = resolved === null;
      }
      if (next >= now) {
        done = false;
        break;
      }
      at = next;
      const payload = act === 'townshipDecision' ? JSON.stringify({ decision }) : '{}';
      if (act === 'solutionPlan') responsible = `${sector} bureau`;
      entries.push([act, at, stepStage, payload]);
    }
    let voting = false;
    if (!done && stage === 'resolution' && stuckAt < 0 && rnd() < 0.3) {
      voting = true;
      const asked = at + DAY;
      if (asked < now)
        entries.push([
          'extensionRequest',
          asked,
          stage,
          JSON.stringify({ newDeadline: iso(asked + 60 * DAY), reason: '延期' }),
        ]);
      else voting = false;
    }
    const closure = done
      ? decision === 'forward'
        ? 'written_off'
        : decision === 'persuade'
          ? 'persuaded'
          : 'unfounded'
      : null;
    if (done) entries.push(['closed', at + 1000, 'closed', JSON.stringify({ closure })]);
    entries.sort((a, b) => a[1] - b[1]);
    let seq = 0;
    for (const [kind, when, inStage, payload] of entries) {
      seq += 1;
      await audit.line([
        ledgerNo,
        issueKey,
        seq,
        `bench-${i}-${seq}`,
        kind,
        actor,
        iso(when),
        inStage,
        kind,
        payload,
      ]);
    }
    figures.audit += seq;
    const limit = STEPS.find(([s]) => s === stage)?.[2] ?? 5;
    if (!done) figures.open += 1;
    if (voting) figures.voting += 1;
    await ledger.line([
      issueKey,
      ledgerNo,
      sector,
      KINDS[sector],
      'household',
      `HH-${village}-${i}`,
      village,
      township,
      'hotline',
      '适龄儿童未入学，家长来电。',
      decision === 'forward' && stage !== 'verification' && stage !== 'township_decision'
        ? 'general'
        : null,
      done ? 'closed' : stage,
      done ? 'closed' : 'open',
      closure,
      iso(reported),
      iso(at),
      done ? null : iso(at + limit * DAY),
      done ? 'none' : late ? 'red' : 'none',
      responsible,
      lapseCount,
      voting ? 'voting' : null,
      seq,
      done ? iso(at + 1000) : null,
    ]);
  }
  return figures;
}
