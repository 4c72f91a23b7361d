import type {
  ActBase,
  ActName,
  Actor,
  CompletionAct,
  ExtensionRequestAct,
  LeaderVoteAct,
  ProgressNoteAct,
  SolutionPlanAct,
  TownshipDecisionAct,
  VerificationAct,
  WriteOffCheckAct,
} from '@sanbao/domain';
import { BUREAUS } from './demo-county';
import type { DemoIssue, Step } from './demo-issues';

/** The people who act on one demo issue. */
export interface DemoActors {
  /** the village's own cadre: reported it on patrol, and verifies it */
  cadre: Actor;
  township: Actor;
  bureau: Actor;
  /** the one county leader who has already voted on the demo extension */
  leader: Actor;
}

/** One act to send: the Update's name, the step that names its request id, the act itself. */
export interface DemoAct {
  name: ActName;
  step: string;
  act: Omit<ActBase, 'requestId'>;
}

function act<A extends ActBase>(name: ActName, step: string, act: Omit<A, 'requestId'>): DemoAct {
  return { name, step, act };
}

/** What a step of the demo means in acts, with dates counted from `now`. */
export function actsOf(step: Step, demo: DemoIssue, people: DemoActors, now: Date): DemoAct[] {
  const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  const { cadre, township, bureau } = people;
  switch (step) {
    case 'verified':
      return [
        act<VerificationAct>('verification', step, {
          actor: cadre,
          confirmed: true,
          findings: '入户核实，情况属实。',
          visitedAt: now.toISOString(),
        }),
      ];
    case 'forwarded':
      return [
        act<TownshipDecisionAct>('townshipDecision', step, {
          actor: township,
          decision: 'forward',
          explanation: '需县级主管部门协调解决。',
        }),
      ];
    case 'persuaded':
      return [
        act<TownshipDecisionAct>('townshipDecision', step, {
          actor: township,
          decision: 'persuade',
          explanation: '经核实已享受政策，已向家庭解释说明。',
        }),
      ];
    case 'planned':
      return [
        act<SolutionPlanAct>('solutionPlan', step, {
          actor: bureau,
          responsiblePerson: bureau.name,
          responsibleUnit: BUREAUS[demo.sector],
          measures: ['制定一户一策', '落实帮扶责任人'],
          completionDate: inDays(demo.severity === 'major' ? 25 : 6),
          severity: demo.severity ?? 'general',
        }),
      ];
    case 'progress':
      return [
        act<ProgressNoteAct>('progressNote', step, {
          actor: bureau,
          note: '已入户对接，正在落实。',
        }),
      ];
    case 'extension':
      return [
        act<ExtensionRequestAct>('extensionRequest', step, {
          actor: bureau,
          newDeadline: inDays(60),
          reason: '重建受雨季影响，申请延期。',
          milestones: [
            { description: '完成过渡安置', dueDate: inDays(10) },
            { description: '主体完工', dueDate: inDays(50) },
          ],
        }),
        // One leader has voted; the other two can try voting in the console or API.
        act<LeaderVoteAct>('leaderVote', 'vote-he', {
          actor: people.leader,
          approve: true,
          comment: '同意延期，按节点推进。',
        }),
      ];
    case 'completed':
      return [
        act<CompletionAct>('completion', step, {
          actor: bureau,
          outcome: '问题已解决。',
          evidenceRefs: [`seed:${demo.id}:done`],
        }),
      ];
    case 'written_off':
      return [
        act<WriteOffCheckAct>('writeOffCheck', step, {
          actor: township,
          result: 'resolved',
          reason: '回访确认已解决。',
        }),
      ];
  }
}
