import { RunningLookup, type ListExecutions } from './running-lookup';

/** The ids a lookup's query names. */
function idsOf(query: string): string[] {
  return [...query.matchAll(/'([^']*)'/g)].map((m) => m[1]).filter((v) => v !== 'Running');
}

/** A visibility store that holds these running ids and records each query it is asked. */
function store(running: string[], fail?: (ids: string[]) => boolean) {
  const queries: Array<{ ids: string[]; pageSize: number }> = [];
  const list: ListExecutions = async function* (query, pageSize) {
    const ids = idsOf(query);
    queries.push({ ids, pageSize });
    await Promise.resolve();
    if (fail?.(ids)) throw new Error('visibility store unavailable');
    for (const workflowId of ids.filter((id) => running.includes(id))) yield { workflowId };
  };
  return { list, queries };
}

describe('RunningLookup', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('asks one query for callers within the window and answers each its own ids', async () => {
    const { list, queries } = store(['a2', 'b1', 'shared']);
    const lookup = new RunningLookup(list, { windowMs: 5 });
    const first = lookup.running(['a1', 'a2', 'shared']);
    await jest.advanceTimersByTimeAsync(3);
    const second = lookup.running(['b1', 'b2', 'shared']);
    await jest.advanceTimersByTimeAsync(2);
    expect(await first).toEqual(new Set(['a2', 'shared']));
    expect(await second).toEqual(new Set(['b1', 'shared']));
    expect(queries).toEqual([{ ids: ['a1', 'a2', 'shared', 'b1', 'b2'], pageSize: 5 }]);
  });

  it('sends a query `WorkflowId IN (...) AND ExecutionStatus = Running`', async () => {
    const seen: string[] = [];
    const lookup = new RunningLookup(
      async function* (query) {
        seen.push(query);
        await Promise.resolve();
        yield* [];
      },
      { windowMs: 1 },
    );
    const answer = lookup.running(['issue-abc', 'issue:education:HH-1/C-1:not_returned']);
    await jest.advanceTimersByTimeAsync(1);
    expect(await answer).toEqual(new Set());
    expect(seen).toEqual([
      "WorkflowId IN ('issue-abc', 'issue:education:HH-1/C-1:not_returned') " +
        "AND ExecutionStatus = 'Running'",
    ]);
  });

  it('does not delay a lone caller past the window', async () => {
    const { list, queries } = store(['x']);
    const lookup = new RunningLookup(list, { windowMs: 5 });
    let answer: Set<string> | undefined;
    void lookup.running(['x', 'y']).then((running) => (answer = running));
    await jest.advanceTimersByTimeAsync(4);
    expect(queries).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(queries).toHaveLength(1);
    expect(answer).toEqual(new Set(['x']));
  });

  it('rejects the callers of a failing query, and only those', async () => {
    const { list, queries } = store(['ok'], (ids) => ids.includes('bad'));
    const lookup = new RunningLookup(list, { windowMs: 5 });
    const failing = [lookup.running(['bad']), lookup.running(['other'])];
    const settled = Promise.allSettled(failing);
    await jest.advanceTimersByTimeAsync(5);
    const later = lookup.running(['ok']);
    await jest.advanceTimersByTimeAsync(5);
    expect((await settled).map((s) => s.status)).toEqual(['rejected', 'rejected']);
    await expect(failing[0]).rejects.toThrow('visibility store unavailable');
    expect(await later).toEqual(new Set(['ok']));
    expect(queries.map((q) => q.ids)).toEqual([['bad', 'other'], ['ok']]);
  });

  it('splits batches at the cap of ids: the caller that would pass it opens the next', async () => {
    const { list, queries } = store(['a', 'd']);
    const lookup = new RunningLookup(list, { windowMs: 5, maxIds: 3 });
    const first = lookup.running(['a', 'b']);
    const second = lookup.running(['c', 'd']);
    // The first batch went when the second caller could not fit: no wait for the window.
    await jest.advanceTimersByTimeAsync(0);
    expect(queries.map((q) => q.ids)).toEqual([['a', 'b']]);
    expect(await first).toEqual(new Set(['a']));
    await jest.advanceTimersByTimeAsync(5);
    expect(await second).toEqual(new Set(['d']));
    expect(queries.map((q) => [q.ids, q.pageSize])).toEqual([
      [['a', 'b'], 2],
      [['c', 'd'], 2],
    ]);
  });

  it('sends a batch as soon as it is full, and counts an id two callers ask for once', async () => {
    const { list, queries } = store(['b']);
    const lookup = new RunningLookup(list, { windowMs: 1000, maxIds: 3 });
    const first = lookup.running(['a', 'b']);
    const second = lookup.running(['b', 'c']);
    await jest.advanceTimersByTimeAsync(0);
    expect(queries.map((q) => q.ids)).toEqual([['a', 'b', 'c']]);
    expect(await first).toEqual(new Set(['b']));
    expect(await second).toEqual(new Set(['b']));
  });

  it('answers a caller from a query sent after it asked, not from one on its way', async () => {
    let running: string[] = [];
    const queries: string[][] = [];
    let release!: () => void;
    const lookup = new RunningLookup(
      async function* (query) {
        const ids = idsOf(query);
        queries.push(ids);
        if (queries.length === 1) await new Promise<void>((resolve) => (release = resolve));
        for (const workflowId of ids.filter((id) => running.includes(id))) yield { workflowId };
      },
      { windowMs: 5 },
    );
    const before = lookup.running(['k']);
    await jest.advanceTimersByTimeAsync(5);
    running = ['k'];
    const after = lookup.running(['k']);
    await jest.advanceTimersByTimeAsync(5);
    release();
    expect(await after).toEqual(new Set(['k']));
    expect(await before).toEqual(new Set(['k']));
    expect(queries).toHaveLength(2);
  });

  it('gathers the callers that ask while a query is on its way into the next one', async () => {
    const queries: string[][] = [];
    let release!: () => void;
    const lookup = new RunningLookup(
      async function* (query) {
        queries.push(idsOf(query));
        if (queries.length === 1) await new Promise<void>((resolve) => (release = resolve));
        yield { workflowId: 'c' };
      },
      { windowMs: 5 },
    );
    const first = lookup.running(['a']);
    await jest.advanceTimersByTimeAsync(5);
    const second = lookup.running(['b']);
    await jest.advanceTimersByTimeAsync(20);
    const third = lookup.running(['c']);
    await jest.advanceTimersByTimeAsync(20);
    expect(queries).toEqual([['a']]);
    release();
    expect(await first).toEqual(new Set());
    expect(await second).toEqual(new Set());
    expect(await third).toEqual(new Set(['c']));
    expect(queries).toEqual([['a'], ['b', 'c']]);
  });

  it('asks nothing for no ids and refuses an id a query cannot quote', async () => {
    const { list, queries } = store([]);
    const lookup = new RunningLookup(list);
    expect(await lookup.running([])).toEqual(new Set());
    await expect(lookup.running(["it's"])).rejects.toThrow('cannot be quoted');
    expect(queries).toHaveLength(0);
  });
});
