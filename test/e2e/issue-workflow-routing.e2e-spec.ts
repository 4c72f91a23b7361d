import type { Actor } from '@sanbao/domain';
import { actUpdates } from '@sanbao/workflows';
import { calmPolicy, eventually, IssueHarness, newIssue } from '../support/issue-driver';

/**
 * Send back and re-route (退回/转办) on the real Temporal server, worker, PostgreSQL and
 * JetStream: a village sends a verification back and its township re-routes it to another
 * village; later the bureau sends the plan back and a county leader re-routes it to another
 * sector. The state, search attributes, ledger row and events follow; the run is saved as a
 * replay fixture (`npm run test:histories`).
 */
describe('issue workflow: send back and re-route', () => {
  let harness: IssueHarness;

  beforeAll(async () => {
    harness = await IssueHarness.start('issue-routing');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('moves the issue to another village, then to another sector, each on the record', async () => {
    const issue = newIssue(calmPolicy({ limits: { sentBack: { seconds: 300 } } }));
    const driver = await harness.start(issue);
    const { village, township, bureau, leaders } = driver.actors;

    const sent = await driver.act(actUpdates.sendBack, village, { reason: '该户不属本村。' });
    expect(sent.stage).toBe('verification');
    const held = await driver.state();
    expect(held.sentBack).toMatchObject({ unit: issue.subject.villageCode });
    expect(Date.parse(held.currentDueAt!) - Date.parse(sent.at)).toBe(300_000);
    // Only the level above acts now.
    expect(
      (
        await driver.refusal(actUpdates.verification, {
          requestId: 'v-x',
          actor: village,
          confirmed: true,
          findings: 'x',
          visitedAt: new Date().toISOString(),
        })
      ).type,
    ).toBe('not_allowed');

    const moved = await driver.act(actUpdates.reroute, township, {
      reason: '户籍在光明村。',
      villageCode: '511921101202',
    });
    const after = await driver.state();
    expect(after.subject).toMatchObject({ villageCode: '511921101202', townshipCode: '511921101' });
    expect(after.sentBack).toBeUndefined();
    expect(Date.parse(after.currentDueAt!) - Date.parse(moved.at)).toBe(600_000);

    const newVillage: Actor = { ...village, id: 'cadre-2', villageCode: '511921101202' };
    expect(
      (
        await driver.refusal(actUpdates.verification, {
          requestId: 'v-old',
          actor: village,
          confirmed: true,
          findings: 'x',
          visitedAt: new Date().toISOString(),
        })
      ).type,
    ).toBe('out_of_scope');
    await driver.verify(true, newVillage);
    await driver.decide('forward');
    await driver.act(actUpdates.sendBack, bureau, { reason: '属医疗保障问题。' });
    // Another sector is a county leader's re-route, with a kind of that sector.
    expect(
      (
        await driver.refusal(actUpdates.reroute, {
          requestId: 'r-x',
          actor: leaders[0],
          reason: 'x',
          sector: 'medical',
        })
      ).type,
    ).toBe('invalid_field');
    await driver.act(actUpdates.reroute, leaders[0], {
      reason: '转医保局。',
      sector: 'medical',
      kind: 'high_out_of_pocket',
    });
    const medical = await driver.state();
    expect(medical).toMatchObject({
      sector: 'medical',
      kind: 'high_out_of_pocket',
      stage: 'solution_plan',
    });
    const medicalBureau: Actor = { ...bureau, id: 'bureau-2', sector: 'medical' };
    expect(
      (
        await driver.refusal(actUpdates.solutionPlan, {
          requestId: 'p-x',
          actor: bureau,
          responsiblePerson: 'x',
          responsibleUnit: 'x',
          measures: ['x'],
          completionDate: new Date(Date.now() + 60_000).toISOString(),
          severity: 'general',
        })
      ).type,
    ).toBe('out_of_scope');
    expect((await driver.plan('general', undefined, medicalBureau)).stage).toBe('resolution');

    const described = await driver.handle.describe();
    expect(described.searchAttributes.IssueSector).toEqual(['medical']);
    const row = await eventually(async () => {
      const found = await harness.ledgerRow(issue.issueKey);
      if (found?.stage !== 'resolution') throw new Error('the ledger row is not at resolution yet');
      return found;
    });
    expect({ ...row }).toMatchObject({
      sector: 'medical',
      kind: 'high_out_of_pocket',
      village_code: '511921101202',
    });
    const events = await eventually(async () => {
      const found = await harness.events(issue.issueKey);
      if (found.filter((e) => e.event.event === 'rerouted').length < 2)
        throw new Error('re-routes');
      return found;
    });
    expect(events.map((e) => e.event.event)).toEqual(
      expect.arrayContaining(['sent_back', 'rerouted']),
    );
    await driver.saveHistory('sent-back-rerouted');
  });
});
