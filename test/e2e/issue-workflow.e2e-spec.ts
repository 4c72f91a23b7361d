import { actUpdates } from '@sanbao/workflows';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import {
  calmPolicy,
  decisionOf,
  eventually,
  IssueHarness,
  newIssue,
} from '../support/issue-driver';

/**
 * The life of an issue on the real Temporal server, worker, PostgreSQL and JetStream: the
 * "135" triage and "710" resolution paths, each checked where a user would look (the issue's
 * state, the ledger row, the audit trail, the events bureau systems receive).
 */
describe('issue workflow: the paths through triage and resolution', () => {
  let harness: IssueHarness;

  beforeAll(async () => {
    harness = await IssueHarness.start('issue-paths');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('takes a general issue from the report to its write-off', async () => {
    const issue = newIssue(calmPolicy());
    const driver = await harness.start(issue, {
      evidenceId: `${issue.issueKey}:roster-row-17`,
      source: 'education:roster:2026-autumn',
      receivedAt: issue.reportedAt,
      description: 'expected on the roster, not enrolled',
    });
    const { village, township, bureau } = driver.actors;

    const verified = await driver.verify(true);
    expect(verified).toMatchObject({ accepted: true, stage: 'township_decision' });
    expect((await driver.decide('forward')).stage).toBe('solution_plan');
    expect((await driver.plan('general')).stage).toBe('resolution');
    const planned = await driver.state();
    const described = await driver.handle.describe();
    // Searchable by stage, sector, township, overdue level and next due time; nothing personal.
    const issueAttributes = Object.fromEntries(
      Object.entries(described.searchAttributes).filter(([name]) => name.startsWith('Issue')),
    );
    expect(issueAttributes).toEqual({
      IssueStage: ['resolution'],
      IssueSector: ['education'],
      IssueTownship: [issue.subject.townshipCode],
      IssueOverdueLevel: ['none'],
      IssueNextDueAt: [new Date(planned.currentDueAt!)],
    });
    expect((await driver.note()).stage).toBe('resolution');
    expect((await driver.complete()).stage).toBe('write_off');
    const writtenOff = await driver.writeOff('resolved');
    expect(writtenOff.stage).toBe('closed');

    const final = await driver.result();
    expect(final).toMatchObject({
      stage: 'closed',
      closure: 'written_off',
      severity: 'general',
      overdueLevel: 'none',
      lapses: [],
      reopenCount: 0,
      plan: { responsibleUnit: '县教科局', severity: 'general' },
    });
    expect(final.ledgerNo).toMatch(/^\d{4}-EDU-\d{6}$/);
    expect(Object.keys(final.deadlines).sort()).toEqual(
      ['resolution', 'solution_plan', 'township_decision', 'verification', 'write_off'].sort(),
    );
    expect(final.evidence.map((e) => e.evidenceId)).toEqual([`${issue.issueKey}:roster-row-17`]);
    expect(final.acts.map((a) => [a.seq, a.act, a.stage])).toEqual([
      [1, 'opened', 'verification'],
      [2, 'evidence', 'verification'],
      [3, 'verification', 'verification'],
      [4, 'townshipDecision', 'township_decision'],
      [5, 'solutionPlan', 'solution_plan'],
      [6, 'progressNote', 'resolution'],
      [7, 'completion', 'resolution'],
      [8, 'writeOffCheck', 'write_off'],
      [9, 'closed', 'closed'],
    ]);
    expect(final.acts[2].actor).toEqual(village);
    expect(final.acts[3].actor).toEqual(township);
    expect(final.acts[4].actor).toEqual(bureau);
    expect(writtenOff.seq).toBe(8);

    // The query on the closed issue answers the same; a client retrying the closing act (same
    // request id, so the same update id) gets the first answer from the server.
    expect(await driver.state()).toEqual(final);
    const retried = await driver.send(actUpdates.writeOffCheck, {
      requestId: writtenOff.requestId,
      actor: township,
      result: 'resolved',
    });
    expect(retried).toEqual(writtenOff);
    const closedAttributes = (await driver.handle.describe()).typedSearchAttributes;
    const keyword = (name: string) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD);
    expect(closedAttributes.get(keyword('IssueStage'))).toBe('closed');
    expect(closedAttributes.get(keyword('IssueOverdueLevel'))).toBe('none');
    expect(
      closedAttributes.get(
        defineSearchAttributeKey('IssueNextDueAt', SearchAttributeType.DATETIME),
      ),
    ).toBeUndefined();

    const ledger = await harness.ledgerRow(issue.issueKey);
    expect(ledger).toMatchObject({
      ledger_no: final.ledgerNo,
      sector: 'education',
      stage: 'closed',
      status: 'closed',
      closure: 'written_off',
      severity: 'general',
      overdue_level: 'none',
      responsible_unit: '县教科局',
      responsible_person: '县教科局 张伟',
      current_due_at: null,
      lapse_count: 0,
      last_seq: 9,
    });
    expect(ledger?.closed_at?.toISOString()).toBe(final.closedAt);

    const audit = await harness.auditTrail(issue.issueKey);
    expect(audit.map((row) => [row.seq, row.kind, row.actor.id, row.request_id])).toEqual(
      final.acts.map((a) => [a.seq, a.act, a.actor.id, a.requestId]),
    );
    expect(audit[2].payload).toMatchObject({ confirmed: true, findings: '入户核查属实' });
    expect(audit[3].payload).toMatchObject({ decision: 'forward' });

    const events = await harness.events(issue.issueKey);
    expect(events.map((e) => [e.event.event, e.event.seq])).toEqual([
      ['opened', 1],
      ['evidence_added', 2],
      ['stage_changed', 3],
      ['stage_changed', 4],
      ['stage_changed', 5],
      ['stage_changed', 7],
      ['stage_changed', 9],
      ['written_off', 9],
      ['closed', 9],
    ]);
    expect(events.map((e) => e.subject)).toContain(`${harness.prefix}.issue.education.written_off`);
    expect(events[0].event).toMatchObject({
      ledgerNo: final.ledgerNo,
      sector: 'education',
      townshipCode: issue.subject.townshipCode,
      villageCode: issue.subject.villageCode,
      stage: 'verification',
    });
    expect(
      events
        .map((e) => (e.event.event === 'stage_changed' ? e.event.data.to : undefined))
        .filter(Boolean),
    ).toEqual(['township_decision', 'solution_plan', 'resolution', 'write_off', 'closed']);

    await driver.saveHistory('general-written-off');
  });

  it('closes with the reason when the township persuades the household', async () => {
    const issue = newIssue(calmPolicy());
    const driver = await harness.start(issue);
    await driver.verify(true);
    const persuaded = await driver.decide('persuade');
    expect(persuaded.stage).toBe('closed');

    const final = await driver.result();
    expect(final).toMatchObject({ stage: 'closed', closure: 'persuaded' });
    expect(final.severity).toBeUndefined();
    expect(final.acts.map((a) => a.act)).toEqual([
      'opened',
      'verification',
      'townshipDecision',
      'closed',
    ]);
    expect(final.acts[2].payload).toEqual({
      decision: 'persuade',
      explanation: '核查办理意见: persuade',
    });
    expect(final.deadlines.solution_plan).toBeUndefined();

    expect(await harness.ledgerRow(issue.issueKey)).toMatchObject({
      stage: 'closed',
      status: 'closed',
      closure: 'persuaded',
      last_seq: 4,
    });
    const audit = await harness.auditTrail(issue.issueKey);
    expect(audit.map((row) => row.kind)).toEqual(final.acts.map((a) => a.act));
    expect(audit[3]).toMatchObject({ kind: 'closed', payload: { closure: 'persuaded' } });
    const events = await harness.events(issue.issueKey);
    expect(events.map((e) => e.event.event)).toEqual([
      'opened',
      'stage_changed',
      'stage_changed',
      'closed',
    ]);
    expect(events[3].event.data).toEqual({ closure: 'persuaded' });
    await driver.saveHistory('persuaded');
  });

  it("runs a back-dated report's limits from its entry and keeps its report time", async () => {
    const reportedAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const issue = newIssue(calmPolicy(), { reportedAt });
    const before = Date.now();
    const driver = await harness.start(issue);
    const opened = await driver.state();
    // Not overdue on arrival: the village's limit counts from the entry, not two days ago.
    expect(opened.reportedAt).toBe(reportedAt);
    expect(Date.parse(opened.limitsFrom ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(opened.overdueLevel).toBe('none');
    expect(Date.parse(opened.currentDueAt ?? '')).toBe(
      Date.parse(opened.limitsFrom ?? '') + 600_000,
    );
    expect(opened.acts[0]).toMatchObject({
      act: 'opened',
      at: opened.limitsFrom,
      payload: { reportedAt, dueAt: opened.currentDueAt },
    });
    await driver.verify();
    await driver.decide('persuade');
    const final = await driver.result();
    expect(final).toMatchObject({ stage: 'closed', closure: 'persuaded', lapses: [] });
    expect(await harness.ledgerRow(issue.issueKey)).toMatchObject({ overdue_level: 'none' });
    const audit = await harness.auditTrail(issue.issueKey);
    expect(audit[0]).toMatchObject({ kind: 'opened', payload: { reportedAt } });
    await driver.saveHistory('back-dated-persuaded');
  });

  it('closes as unfounded when the home visit finds no problem', async () => {
    const issue = newIssue(calmPolicy());
    const driver = await harness.start(issue);
    // Not confirmed: the township still decides, here that the report was unfounded.
    const notConfirmed = await driver.verify(false);
    expect(notConfirmed.stage).toBe('township_decision');
    await driver.decide('unfounded');

    const final = await driver.result();
    expect(final).toMatchObject({ stage: 'closed', closure: 'unfounded' });
    expect(final.acts[1].payload).toMatchObject({ confirmed: false });
    expect(await harness.ledgerRow(issue.issueKey)).toMatchObject({
      status: 'closed',
      closure: 'unfounded',
    });
    expect((await harness.auditTrail(issue.issueKey)).map((row) => row.kind)).toEqual([
      'opened',
      'verification',
      'townshipDecision',
      'closed',
    ]);
    const events = await harness.events(issue.issueKey);
    expect(events.find((e) => e.event.event === 'closed')?.event.data).toEqual({
      closure: 'unfounded',
    });
    expect(events.some((e) => e.event.event === 'written_off')).toBe(false);
    await driver.saveHistory('unfounded');
  });

  it('sends a not-resolved write-off back to resolution with a new limit', async () => {
    const issue = newIssue(calmPolicy());
    const driver = await harness.start(issue);
    await driver.verify();
    await driver.decide('forward');
    await driver.plan('general');
    await driver.complete();
    const firstResolutionDue = (await driver.state()).deadlines.resolution!;

    const reopened = await driver.writeOff('not_resolved');
    expect(reopened.stage).toBe('resolution');
    const back = await driver.state();
    expect(back).toMatchObject({ stage: 'resolution', reopenCount: 1, overdueLevel: 'none' });
    // A fresh limit from the policy, counted from the reopening.
    expect(Date.parse(back.deadlines.resolution!)).toBeGreaterThan(Date.parse(firstResolutionDue));
    expect(Date.parse(back.currentDueAt!) - Date.parse(back.stageSince)).toBe(600_000);
    expect(back.acts.slice(-3).map((a) => [a.act, a.stage])).toEqual([
      ['completion', 'resolution'],
      ['writeOffCheck', 'write_off'],
      ['reopened', 'write_off'],
    ]);
    expect(back.acts.at(-1)?.payload).toMatchObject({ reason: '回访发现学生再次辍学' });
    expect(await harness.ledgerRow(issue.issueKey)).toMatchObject({
      stage: 'resolution',
      status: 'open',
      reopen_count: 1,
    });

    await driver.note('再次劝返，安排结对帮扶');
    await driver.complete();
    await driver.writeOff('resolved');
    const final = await driver.result();
    expect(final).toMatchObject({ closure: 'written_off', reopenCount: 1 });
    expect(final.acts.filter((a) => a.act === 'completion')).toHaveLength(2);
    expect(await harness.ledgerRow(issue.issueKey)).toMatchObject({
      status: 'closed',
      closure: 'written_off',
      reopen_count: 1,
    });
    const events = (await harness.events(issue.issueKey)).map((e) => e.event);
    expect(events.filter((e) => e.event === 'reopened')).toEqual([
      expect.objectContaining({ stage: 'resolution', data: { reopenCount: 1 } }),
    ]);
    expect(events.filter((e) => e.event === 'stage_changed').map((e) => e.data.to)).toEqual([
      'township_decision',
      'solution_plan',
      'resolution',
      'write_off',
      'resolution',
      'write_off',
      'closed',
    ]);
    await driver.saveHistory('reopened-then-written-off');
  });

  it('gives a repeated act its first answer and one effect', async () => {
    const issue = newIssue(calmPolicy());
    const driver = await harness.start(issue);
    const act = {
      requestId: driver.nextRequestId('verification'),
      actor: driver.actors.village,
      confirmed: true,
      findings: '入户核查属实',
      visitedAt: new Date().toISOString(),
    };
    const first = await driver.send(actUpdates.verification, act);
    // The same request again: by the server (same update id) and by the workflow (another id).
    const again = await driver.send(actUpdates.verification, act);
    const retried = await driver.send(actUpdates.verification, act, 'other-update-id');
    // The answer says how far the ledger holds the record: the decision is durable already.
    expect(first.readModel).toMatch(/^(pending|current)$/);
    expect(decisionOf(again)).toEqual(decisionOf(first));
    expect(decisionOf(retried)).toEqual(decisionOf(first));
    // The same request id with other content is another act: refused, nothing recorded.
    const changed = await driver.refusal(actUpdates.verification, { ...act, findings: 'changed' });
    expect(changed.type).toBe('request_id_reused');

    const evidence = { evidenceId: 'ev-dup-1', description: 'photo of the closed school gate' };
    await driver.addEvidence(evidence);
    await driver.addEvidence(evidence);
    await driver.addEvidence({ evidenceId: 'ev-dup-2' });
    const state = await driver.waitFor((s) => s.evidence.length === 2, 'both pieces of evidence');

    expect(state.acts.filter((a) => a.act === 'verification')).toHaveLength(1);
    expect(state.acts.find((a) => a.act === 'verification')?.payload.findings).toBe('入户核查属实');
    expect(state.evidence.map((e) => e.evidenceId)).toEqual(['ev-dup-1', 'ev-dup-2']);
    expect(state.acts.filter((a) => a.act === 'evidence')).toHaveLength(2);

    // Evidence comes by signal, which answers nothing: the read models follow a moment later.
    await eventually(async () => {
      const audit = await harness.auditTrail(issue.issueKey);
      expect(audit.filter((row) => row.kind === 'verification')).toHaveLength(1);
      expect(audit.filter((row) => row.kind === 'evidence')).toHaveLength(2);
      const events = (await harness.events(issue.issueKey)).map((e) => e.event.event);
      expect(events.filter((e) => e === 'stage_changed')).toHaveLength(1);
      expect(events.filter((e) => e === 'evidence_added')).toHaveLength(2);
    });

    await driver.handle.terminate('test done');
  });
});
