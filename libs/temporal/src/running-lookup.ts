/** Lists the executions a visibility query finds (`client.workflow.list`, or a stub). */
export type ListExecutions = (
  query: string,
  pageSize: number,
) => AsyncIterable<{ workflowId: string }>;

export interface RunningLookupOptions {
  /** how long the first caller of a batch waits for others to join it */
  windowMs?: number;
  /** distinct ids in one query (its page size; the server allows 1000 by default) */
  maxIds?: number;
  /** queries on their way at once; a batch past its window waits for one to come back */
  maxQueries?: number;
}

/** A lone caller's added wait; long enough to gather the callers of a busy moment. */
const WINDOW_MS = 2;
/** About 60 education signals' candidates (8 ids each); half the server's default page size. */
const MAX_IDS = 500;
/**
 * One: while a query is on its way, the next batch gathers. The busier the server, the slower
 * its answer and the more signals the next query serves, so the lookups' share of the server
 * stays about one query at a time, whatever the rate.
 */
const MAX_QUERIES = 1;

interface Caller {
  ids: string[];
  resolve: (running: Set<string>) => void;
  reject: (error: unknown) => void;
}

interface Batch {
  ids: Set<string>;
  callers: Caller[];
  timer: NodeJS.Timeout;
  /** its window has passed: it goes as soon as a query may */
  due: boolean;
}

/** True when the id can stand quoted in a visibility query (issue keys and hashes can). */
export function isQuotable(workflowId: string): boolean {
  return !/['"\\]/.test(workflowId);
}

/**
 * Which of some workflow ids have a running execution, asked by many callers at once: the ids
 * of the callers that ask within `windowMs` of the first (or until `maxIds` ids), and while
 * `maxQueries` queries are on their way until one comes back, go to the visibility store as
 * one query, `WorkflowId IN (...) AND ExecutionStatus = 'Running'`, and each caller is
 * answered its own ids' subset. A query costs the server about as much as a start and the
 * intake asked one per signal (issue 16); now one per batch of signals. Each answer comes from a query sent after its caller asked, never from one
 * already on its way. A failing query rejects the callers of its batch, no others. Ids must
 * be quotable (`isQuotable`); the caller looks the others up another way.
 */
export class RunningLookup {
  private readonly windowMs: number;
  private readonly maxIds: number;
  private readonly maxQueries: number;
  private open?: Batch;
  private queries = 0;

  constructor(
    private readonly list: ListExecutions,
    options: RunningLookupOptions = {},
  ) {
    this.windowMs = options.windowMs ?? WINDOW_MS;
    this.maxIds = options.maxIds ?? MAX_IDS;
    this.maxQueries = options.maxQueries ?? MAX_QUERIES;
  }

  running(workflowIds: readonly string[]): Promise<Set<string>> {
    const ids = [...new Set(workflowIds)];
    const unquotable = ids.find((id) => !isQuotable(id));
    if (unquotable !== undefined) {
      return Promise.reject(new Error('RunningLookup: a workflow id cannot be quoted'));
    }
    if (ids.length === 0) return Promise.resolve(new Set());
    return new Promise<Set<string>>((resolve, reject) => {
      let batch = this.open;
      // The cap splits batches: a caller that would take this one past it starts the next.
      if (batch && batch.ids.size + ids.filter((id) => !batch!.ids.has(id)).length > this.maxIds) {
        this.send(batch);
        batch = undefined;
      }
      if (!batch) {
        const opened: Batch = {
          ids: new Set(),
          callers: [],
          timer: setTimeout(() => {
            opened.due = true;
            if (this.queries < this.maxQueries) this.send(opened);
          }, this.windowMs),
          due: false,
        };
        batch = this.open = opened;
      }
      for (const id of ids) batch.ids.add(id);
      batch.callers.push({ ids, resolve, reject });
      // A full batch goes at once, even beside a query on its way: batches stay bounded.
      if (batch.ids.size >= this.maxIds) this.send(batch);
    });
  }

  private send(batch: Batch): void {
    clearTimeout(batch.timer);
    if (this.open === batch) this.open = undefined;
    this.queries += 1;
    const answered = this.query([...batch.ids]).finally(() => {
      this.queries -= 1;
      const next = this.open;
      if (next?.due && this.queries < this.maxQueries) this.send(next);
    });
    void answered.then(
      (running) => {
        for (const caller of batch.callers) {
          caller.resolve(new Set(caller.ids.filter((id) => running.has(id))));
        }
      },
      (error: unknown) => {
        for (const caller of batch.callers) caller.reject(error);
      },
    );
  }

  private async query(ids: string[]): Promise<Set<string>> {
    const query =
      `WorkflowId IN (${ids.map((id) => `'${id}'`).join(', ')}) ` +
      `AND ExecutionStatus = 'Running'`;
    const running = new Set<string>();
    // One running execution per id at most: one page holds the answer.
    for await (const execution of this.list(query, ids.length)) running.add(execution.workflowId);
    return running;
  }
}
