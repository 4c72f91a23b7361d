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
}

/** A lone caller's added wait; long enough to gather the callers of a busy moment. */
const WINDOW_MS = 5;
/** About 60 education signals' candidates (8 ids each); half the server's default page size. */
const MAX_IDS = 500;

interface Caller {
  ids: string[];
  resolve: (running: Set<string>) => void;
  reject: (error: unknown) => void;
}

interface Batch {
  ids: Set<string>;
  callers: Caller[];
  timer: NodeJS.Timeout;
}

/** True when the id can stand quoted in a visibility query (issue keys and hashes can). */
export function isQuotable(workflowId: string): boolean {
  return !/['"\\]/.test(workflowId);
}

/**
 * Which of some workflow ids have a running execution, asked by many callers at once: the ids
 * of the callers that ask within `windowMs` of the first (or until `maxIds` ids) go to the
 * visibility store as one query, `WorkflowId IN (...) AND ExecutionStatus = 'Running'`, and
 * each caller is answered its own ids' subset. A query costs the server about as much as a
 * start; the intake asks one per signal, so under load this is most of the lookups' cost
 * (issue 16). Each answer comes from a query sent after its caller asked, never from one
 * already on its way. A failing query rejects the callers of its batch, no others. Ids must
 * be quotable (`isQuotable`); the caller looks the others up another way.
 */
export class RunningLookup {
  private readonly windowMs: number;
  private readonly maxIds: number;
  private open?: Batch;

  constructor(
    private readonly list: ListExecutions,
    options: RunningLookupOptions = {},
  ) {
    this.windowMs = options.windowMs ?? WINDOW_MS;
    this.maxIds = options.maxIds ?? MAX_IDS;
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
          timer: setTimeout(() => this.send(opened), this.windowMs),
        };
        batch = this.open = opened;
      }
      for (const id of ids) batch.ids.add(id);
      batch.callers.push({ ids, resolve, reject });
      if (batch.ids.size >= this.maxIds) this.send(batch);
    });
  }

  private send(batch: Batch): void {
    clearTimeout(batch.timer);
    if (this.open === batch) this.open = undefined;
    void this.query([...batch.ids]).then(
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
