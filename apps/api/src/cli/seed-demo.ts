import { actorOf, AuthError, principalOf, UsersRepository, UsersService } from '@sanbao/auth';
import { getConfig } from '@sanbao/config';
import {
  issueKey,
  type ActBase,
  type ActResult,
  type IssueStartInput,
  type Sector,
} from '@sanbao/domain';
import type { UserRole } from '@sanbao/persistence';
import { TemporalClientService } from '@sanbao/temporal';
import {
  completionUpdate,
  evidenceSignal,
  extensionRequestUpdate,
  issueStateQuery,
  issueWorkflow,
  leaderVoteUpdate,
  progressNoteUpdate,
  solutionPlanUpdate,
  townshipDecisionUpdate,
  verificationUpdate,
  writeOffCheckUpdate,
} from '@sanbao/workflows';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { DivisionsService } from '../admin/divisions.service';
import { ApiError } from '../common/api.errors';
import { cliContext } from './cli-context';

/**
 * `npm run seed:demo`: a demo county to try everything with. Needs the stack running
 * (`npm start`: the worker drives the issues). Safe to run again: townships, villages and users
 * are kept, and the issues' request ids make every act happen once.
 */

const PASSWORD = 'sanbao-demo-2026';

const TOWNSHIPS = [
  { code: '511921101', name: '城关镇' },
  { code: '511921102', name: '河西乡' },
];
const VILLAGES = [
  { code: '511921101201', name: '红星村' },
  { code: '511921101202', name: '光明社区' },
  { code: '511921102201', name: '新河村' },
  { code: '511921102202', name: '石桥村' },
];

const PEOPLE: Array<{
  username: string;
  displayName: string;
  role: UserRole;
  villageCode?: string;
  townshipCode?: string;
  sector?: Sector;
}> = [
  { username: 'demo-admin', displayName: '系统管理员', role: 'admin' },
  {
    username: 'wangfang',
    displayName: '王芳（红星村村干部）',
    role: 'village',
    villageCode: '511921101201',
  },
  {
    username: 'zhanghua',
    displayName: '张华（光明社区干部）',
    role: 'village',
    villageCode: '511921101202',
  },
  {
    username: 'linmei',
    displayName: '林梅（石桥村村干部）',
    role: 'village',
    villageCode: '511921102202',
  },
  {
    username: 'zhaolei',
    displayName: '赵磊（新河村驻村干部）',
    role: 'village',
    villageCode: '511921102201',
  },
  {
    username: 'liqiang',
    displayName: '李强（城关镇）',
    role: 'township',
    townshipCode: '511921101',
  },
  { username: 'sunli', displayName: '孙丽（河西乡）', role: 'township', townshipCode: '511921102' },
  { username: 'chenmin', displayName: '陈敏（县教科局）', role: 'bureau', sector: 'education' },
  { username: 'liuyang', displayName: '刘洋（县医保局）', role: 'bureau', sector: 'medical' },
  { username: 'zhouhao', displayName: '周浩（县住建局）', role: 'bureau', sector: 'housing' },
  { username: 'wujun', displayName: '吴军（县水利局）', role: 'bureau', sector: 'water' },
  { username: 'leader-he', displayName: '何县长', role: 'leader' },
  { username: 'leader-xu', displayName: '徐副县长', role: 'leader' },
  { username: 'leader-ma', displayName: '马副县长', role: 'leader' },
  { username: 'zhoujie', displayName: '周洁（县乡村振兴局督查）', role: 'supervisor' },
];

const BUREAUS: Record<Sector, string> = {
  education: '县教科局',
  medical: '县医保局',
  housing: '县住建局',
  water: '县水利局',
};

type Step =
  | 'verified'
  | 'forwarded'
  | 'persuaded'
  | 'planned'
  | 'progress'
  | 'extension'
  | 'completed'
  | 'written_off';

const ISSUES: Array<{
  id: string;
  sector: Sector;
  kind: string;
  villageCode: string;
  personRef?: string;
  summary: string;
  severity?: 'general' | 'major';
  steps: Step[];
}> = [
  {
    id: 'HH-DEMO-0001',
    sector: 'education',
    kind: 'not_back_after_term_start',
    villageCode: '511921101201',
    personRef: 'child-1',
    summary: '开学两周未返校（9岁）',
    steps: [],
  },
  {
    id: 'HH-DEMO-0002',
    sector: 'medical',
    kind: 'high_out_of_pocket',
    villageCode: '511921101201',
    summary: '出院后自付医疗费用较高',
    steps: ['verified'],
  },
  {
    id: 'HH-DEMO-0003',
    sector: 'housing',
    kind: 'house_grade_c',
    villageCode: '511921101202',
    summary: '暴雨后房屋鉴定为C级，仍有人居住',
    steps: ['verified', 'forwarded'],
  },
  {
    id: 'HH-DEMO-0004',
    sector: 'education',
    kind: 'dropped_out',
    villageCode: '511921101201',
    personRef: 'child-2',
    summary: '初二学生辍学外出务工',
    severity: 'general',
    steps: ['verified', 'forwarded', 'planned', 'progress'],
  },
  {
    id: 'HH-DEMO-0005',
    sector: 'housing',
    kind: 'house_grade_d',
    villageCode: '511921102201',
    summary: '危房D级，需过渡安置并重建',
    severity: 'major',
    steps: ['verified', 'forwarded', 'planned', 'extension'],
  },
  {
    id: 'HH-DEMO-0006',
    sector: 'water',
    kind: 'frozen_pipes',
    villageCode: '511921102201',
    summary: '入户水管冻裂停水',
    severity: 'general',
    steps: ['verified', 'forwarded', 'planned', 'completed'],
  },
  {
    id: 'HH-DEMO-0007',
    sector: 'medical',
    kind: 'premium_unpaid',
    villageCode: '511921102202',
    summary: '城乡居民医保未参保缴费',
    severity: 'general',
    steps: ['verified', 'forwarded', 'planned', 'completed', 'written_off'],
  },
  {
    id: 'HH-DEMO-0008',
    sector: 'education',
    kind: 'no_student_aid',
    villageCode: '511921101202',
    personRef: 'child-1',
    summary: '反映未享受学生资助，核实已享受',
    steps: ['verified', 'persuaded'],
  },
];

async function main(): Promise<void> {
  const config = getConfig();
  const context = await cliContext(config);
  const temporal = new TemporalClientService(config);
  try {
    const divisions = context.get(DivisionsService);
    const users = context.get(UsersService);
    const repository = context.get(UsersRepository);
    for (const t of TOWNSHIPS) await ignoreConflict(() => divisions.createTownship(t));
    for (const v of VILLAGES) await ignoreConflict(() => divisions.createVillage(v));
    for (const person of PEOPLE) {
      await ignoreConflict(() => users.create({ ...person, password: PASSWORD }));
    }
    const actor = async (username: string) => {
      const user = await repository.findByUsername(username);
      if (!user) throw new Error(`demo user ${username} is missing`);
      return actorOf(principalOf(user));
    };
    const bureauOf: Record<Sector, string> = {
      education: 'chenmin',
      medical: 'liuyang',
      housing: 'zhouhao',
      water: 'wujun',
    };

    const closedAlready = async (key: string): Promise<boolean> => {
      try {
        const { status } = await temporal.client.workflow.getHandle(key).describe();
        return status.name !== 'RUNNING';
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return false;
        throw error;
      }
    };

    for (const demo of ISSUES) {
      const village = VILLAGES.find((v) => v.code === demo.villageCode) as { code: string };
      const townshipCode = village.code.slice(0, 9);
      // The village's own cadre verifies (and reported it on patrol).
      const cadre = await actor(
        PEOPLE.find((p) => p.villageCode === demo.villageCode)?.username ?? '',
      );
      const reporter = cadre;
      const township = await actor(townshipCode === '511921101' ? 'liqiang' : 'sunli');
      const bureau = await actor(bureauOf[demo.sector]);
      const subject = {
        kind: 'household' as const,
        id: demo.id,
        ...(demo.personRef ? { personRef: demo.personRef } : {}),
        villageCode: demo.villageCode,
        townshipCode,
      };
      const key = issueKey({ sector: demo.sector, subject, kind: demo.kind });
      // Seeding again changes nothing: a demo issue already closed is left as it is (starting
      // its key again would open a second issue); one still open only gets repeats, which
      // its evidence id and request ids make no-ops.
      if (await closedAlready(key)) continue;
      const input: IssueStartInput = {
        issueKey: key,
        sector: demo.sector,
        kind: demo.kind,
        severityHint: demo.severity ?? 'general',
        subject,
        summary: demo.summary,
        reportedAt: new Date().toISOString(),
        channel: 'hotline',
        policy: config.deadlinePolicy,
        reportedBy: reporter,
      };
      const handle = await temporal.client.workflow.signalWithStart(issueWorkflow, {
        workflowId: key,
        taskQueue: config.temporal.taskQueue,
        args: [input],
        signal: evidenceSignal,
        signalArgs: [
          {
            evidenceId: `seed:${demo.id}:${demo.kind}`,
            source: 'seed:demo',
            receivedAt: new Date().toISOString(),
            description: demo.summary,
          },
        ],
      });
      const act = async <A extends ActBase>(
        update: UpdateDefinition<ActResult, [A]>,
        step: string,
        payload: Omit<A, 'requestId'>,
      ): Promise<void> => {
        const requestId = `seed-${demo.id}-${demo.kind}-${step}`;
        await handle.executeUpdate(update, {
          args: [{ ...payload, requestId } as A],
          updateId: requestId,
        });
      };
      const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
      for (const step of demo.steps) {
        switch (step) {
          case 'verified':
            await act(verificationUpdate, step, {
              actor: cadre,
              confirmed: true,
              findings: '入户核实，情况属实。',
              visitedAt: new Date().toISOString(),
            });
            break;
          case 'forwarded':
            await act(townshipDecisionUpdate, step, {
              actor: township,
              decision: 'forward',
              explanation: '需县级主管部门协调解决。',
            });
            break;
          case 'persuaded':
            await act(townshipDecisionUpdate, step, {
              actor: township,
              decision: 'persuade',
              explanation: '经核实已享受政策，已向家庭解释说明。',
            });
            break;
          case 'planned':
            await act(solutionPlanUpdate, step, {
              actor: bureau,
              responsiblePerson: bureau.name,
              responsibleUnit: BUREAUS[demo.sector],
              measures: ['制定一户一策', '落实帮扶责任人'],
              completionDate: inDays(demo.severity === 'major' ? 25 : 6),
              severity: demo.severity ?? 'general',
            });
            break;
          case 'progress':
            await act(progressNoteUpdate, step, { actor: bureau, note: '已入户对接，正在落实。' });
            break;
          case 'extension':
            await act(extensionRequestUpdate, step, {
              actor: bureau,
              newDeadline: inDays(60),
              reason: '重建受雨季影响，申请延期。',
              milestones: [
                { description: '完成过渡安置', dueDate: inDays(10) },
                { description: '主体完工', dueDate: inDays(50) },
              ],
            });
            // One leader has voted; the other two can try voting in the console or API.
            await act(leaderVoteUpdate, 'vote-he', {
              actor: await actor('leader-he'),
              approve: true,
              comment: '同意延期，按节点推进。',
            });
            break;
          case 'completed':
            await act(completionUpdate, step, {
              actor: bureau,
              outcome: '问题已解决。',
              evidenceRefs: [`seed:${demo.id}:done`],
            });
            break;
          case 'written_off':
            await act(writeOffCheckUpdate, step, {
              actor: township,
              result: 'resolved',
              reason: '回访确认已解决。',
            });
            break;
        }
      }
      const state = await handle.query(issueStateQuery);
      console.log(
        `  ${state.ledgerNo ?? key}  ${demo.sector.padEnd(9)} ${state.stage.padEnd(17)} ${demo.summary}`,
      );
    }

    console.log(`\n[seed:demo] demo county ready. Every demo user's password: ${PASSWORD}`);
    for (const person of PEOPLE) {
      const scope = person.villageCode ?? person.townshipCode ?? person.sector ?? 'county';
      console.log(
        `  ${person.username.padEnd(11)} ${person.role.padEnd(10)} ${scope.padEnd(13)} ${person.displayName}`,
      );
    }
  } finally {
    await temporal.onModuleDestroy();
    await context.close();
  }
}

/** Seeding again finds what it made the first time. */
async function ignoreConflict(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const taken = error instanceof AuthError && error.code === 'username_taken';
    const exists = error instanceof ApiError && error.code === 'conflict';
    if (!taken && !exists) throw error;
  }
}

main().catch((error: unknown) => {
  // A refused act names its reason in the cause (the workflow validator's message).
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[seed:demo] failed: ${message}${cause ? `: ${cause}` : ''}`);
  console.error('Is the stack running (npm start), and the database migrated (npm run migrate)?');
  process.exit(1);
});
