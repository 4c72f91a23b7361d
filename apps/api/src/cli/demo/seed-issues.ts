import { createHash } from 'crypto';
import {
  issueKey,
  normaliseSubject,
  type Actor,
  type DeadlinePolicy,
  type Evidence,
  type IssueStartInput,
} from '@sanbao/domain';
import { IssueActRejected, type IssueWorkflows } from '@sanbao/temporal';
import { BUREAU_OFFICER, PEOPLE, townshipOfficer } from './demo-county';
import { ISSUES, type DemoIssue } from './demo-issues';
import { actsOf } from './demo-steps';

/**
 * Opens the demo issues and takes each as far as its steps say, through the same gateway the
 * intake and the API use. Seeding again changes nothing: a demo issue already closed is left
 * as it is (starting its key again would open a second issue); one still open only gets
 * repeats, which its evidence id and request ids make no-ops.
 */
export async function seedIssues(
  workflows: IssueWorkflows,
  actor: (username: string) => Promise<Actor>,
  policy: DeadlinePolicy,
): Promise<void> {
  for (const demo of ISSUES) {
    const townshipCode = demo.villageCode.slice(0, 9);
    // The demo's issues come in through the same doors as real ones: the kind catalogue's
    // kinds, identifiers in their one form.
    const subject = normaliseSubject({
      kind: 'household' as const,
      id: demo.id,
      ...(demo.personRef ? { personRef: demo.personRef } : {}),
      villageCode: demo.villageCode,
      townshipCode,
    });
    const key = issueKey({ sector: demo.sector, subject, kind: demo.kind });
    if ((await workflows.status(key)) === 'closed') continue;
    const people = {
      cadre: await actor(PEOPLE.find((p) => p.villageCode === demo.villageCode)?.username ?? ''),
      township: await actor(townshipOfficer(townshipCode)),
      bureau: await actor(BUREAU_OFFICER[demo.sector]),
      leader: await actor('leader-he'),
    };
    const now = new Date();
    const input: IssueStartInput = {
      issueKey: key,
      sector: demo.sector,
      kind: demo.kind,
      severityHint: demo.severity ?? 'general',
      subject,
      summary: demo.summary,
      reportedAt: now.toISOString(),
      channel: 'hotline',
      policy,
      reportedBy: people.cadre,
    };
    await workflows.startOrJoin(input, evidenceOf(demo, now));
    for (const step of demo.steps) {
      for (const { name, step: named, act } of actsOf(step, demo, people, now)) {
        // Request ids travel as Temporal update ids, which its Web UI shows: no household in them.
        const requestId = `seed-${createHash('sha256').update(key).digest('hex').slice(0, 16)}-${named}`;
        try {
          await workflows.act({ issueKey: key }, name, { ...act, requestId });
        } catch (error) {
          // Seeded by an earlier run: the step's request id answered the step already (its
          // times were that run's "now", so the issue refuses it as other content). Done.
          if (error instanceof IssueActRejected && error.code === 'request_id_reused') continue;
          throw error;
        }
      }
    }
    const state = await workflows.readState(key);
    console.log(
      `  ${state?.ledgerNo ?? '(numbering)'}  ${demo.sector.padEnd(9)} ${(state?.stage ?? '?').padEnd(17)} ${demo.summary}`,
    );
  }
}

function evidenceOf(demo: DemoIssue, now: Date): Evidence {
  return {
    evidenceId: `seed:${demo.id}:${demo.kind}`,
    source: 'seed:demo',
    receivedAt: now.toISOString(),
    description: demo.summary,
  };
}
