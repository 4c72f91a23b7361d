import { OlderIssues } from './older-issues';

describe('OlderIssues', () => {
  function watch(counts: Array<number | Error>) {
    const queries: string[] = [];
    let clock = 0;
    const older = new OlderIssues(
      async (query) => {
        queries.push(query);
        const next = counts.shift();
        if (next instanceof Error) throw next;
        return next ?? 0;
      },
      'issueWorkflow',
      1000,
      () => clock,
    );
    return { older, queries, advance: (ms: number) => (clock += ms) };
  }

  it('asks for running issue workflows without the id-scheme attribute', async () => {
    const { older, queries } = watch([0]);
    expect(await older.present()).toBe(false);
    expect(queries).toEqual([
      "WorkflowType = 'issueWorkflow' AND ExecutionStatus = 'Running' AND IssueIdScheme IS NULL",
    ]);
  });

  it('keeps an answer for a second, then asks again', async () => {
    const { older, queries, advance } = watch([2, 0]);
    expect(await older.present()).toBe(true);
    advance(999);
    expect(await older.present()).toBe(true);
    expect(queries).toHaveLength(1);
    advance(1);
    expect(await older.present()).toBe(false);
    expect(queries).toHaveLength(2);
  });

  it('sends one query for callers that ask at the same time', async () => {
    const { older, queries } = watch([0]);
    const answers = await Promise.all([older.present(), older.present(), older.present()]);
    expect(answers).toEqual([false, false, false]);
    expect(queries).toHaveLength(1);
  });

  it('knows at once of an older issue this process opened, until the answer is stale', async () => {
    const { older, queries, advance } = watch([0, 1]);
    expect(await older.present()).toBe(false);
    older.opened();
    expect(await older.present()).toBe(true);
    expect(queries).toHaveLength(1);
    advance(1000);
    expect(await older.present()).toBe(true);
    expect(queries).toHaveLength(2);
  });

  it('says an older issue may run when the count fails, and asks again next time', async () => {
    const { older, queries } = watch([new Error('visibility unavailable'), 0]);
    expect(await older.present()).toBe(true);
    expect(await older.present()).toBe(false);
    expect(queries).toHaveLength(2);
  });
});
