import { SearchAttributeSync, type IssueSearchValues, type UpdatePair } from './search-attributes';

/**
 * The two ways a run keeps its visibility record: at every change (histories without the
 * search-attributes-once-per-task marker) or once, merged, before the workflow yields.
 */
describe('SearchAttributeSync', () => {
  const opened: IssueSearchValues = {
    IssueStage: 'verification',
    IssueSector: 'education',
    IssueTownship: '511921101',
    IssueOverdueLevel: 'none',
    IssueNextDueAt: '2026-03-02T02:00:10.000Z',
  };

  function sync(oncePerTask: boolean) {
    let values = opened;
    const upserts: UpdatePair[][] = [];
    const attributes = new SearchAttributeSync(
      () => values,
      (pairs) => upserts.push(pairs),
      oncePerTask,
    );
    const become = (change: Partial<IssueSearchValues>) => {
      values = { ...values, ...change };
      attributes.changed();
    };
    const names = () => upserts.map((pairs) => pairs.map((pair) => pair.key.name));
    return { attributes, become, upserts, names };
  }

  it('upserts at every change without the marker, as older histories hold', () => {
    const { attributes, become, names } = sync(false);
    become({});
    become({ IssueOverdueLevel: 'red' });
    become({ IssueOverdueLevel: 'red' });
    attributes.settle();
    expect(names()).toEqual([
      ['IssueStage', 'IssueSector', 'IssueTownship', 'IssueOverdueLevel', 'IssueNextDueAt'],
      ['IssueOverdueLevel'],
    ]);
  });

  it('upserts the merged difference once, when the workflow yields, with the marker', () => {
    const { attributes, become, upserts, names } = sync(true);
    become({});
    become({ IssueOverdueLevel: 'red' });
    expect(upserts).toEqual([]);
    attributes.settle();
    attributes.settle();
    expect(names()).toEqual([
      ['IssueStage', 'IssueSector', 'IssueTownship', 'IssueOverdueLevel', 'IssueNextDueAt'],
    ]);
    expect(upserts[0].find((pair) => pair.key.name === 'IssueOverdueLevel')?.value).toBe('red');

    // A stage moved on and back within one task: nothing to write.
    become({ IssueStage: 'township_decision' });
    become({ IssueStage: 'verification' });
    attributes.settle();
    expect(upserts).toHaveLength(1);
  });

  it('upserts the closing step: stage closed, no next due time', () => {
    const { attributes, become, upserts } = sync(true);
    become({});
    attributes.settle();
    become({ IssueStage: 'closed', IssueNextDueAt: null });
    attributes.settle();
    expect(upserts[1]).toEqual([
      { key: { name: 'IssueStage', type: 'KEYWORD' }, value: 'closed' },
      { key: { name: 'IssueNextDueAt', type: 'DATETIME' }, value: null },
    ]);
  });
});
