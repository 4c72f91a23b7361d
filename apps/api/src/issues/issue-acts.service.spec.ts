import type { Principal } from '@sanbao/auth';
import { loadConfig } from '@sanbao/config';
import type { IssueState, UnsignedAct } from '@sanbao/domain';
import { IssueActRejected, IssueWorkflowNotFound, type IssueWorkflows } from '@sanbao/temporal';
import { ServiceError } from '@temporalio/client';
import type { DivisionsService } from '../admin/divisions.service';
import { ActRejectedError } from '../common/act-rejection';
import { ApiError } from '../common/api.errors';
import { IssueActsService } from './issue-acts.service';
import type { ReportIssueDto } from './issues.dto';

const COMPLETION: UnsignedAct<'completion'> = { requestId: 'r', outcome: 'done', evidenceRefs: [] };
const PLAN: UnsignedAct<'solutionPlan'> = {
  requestId: 'r',
  responsiblePerson: 'Zhang',
  responsibleUnit: 'bureau',
  measures: ['fix'],
  completionDate: '2026-04-01T00:00:00.000Z',
  severity: 'general',
};
import type { IssueOpening, LedgerRepository } from './ledger.repository';

const VILLAGE = { code: '522633101201', name: 'Village', townshipCode: '522633101' };
const cadre: Principal = {
  userId: 'u1',
  username: 'cadre',
  name: 'Cadre',
  role: 'village',
  villageCode: VILLAGE.code,
};
const bureau: Principal = {
  userId: 'u2',
  username: 'bureau',
  name: 'Bureau',
  role: 'bureau',
  sector: 'education',
};

function stubWorkflows(): jest.Mocked<IssueWorkflows> {
  return {
    workflowIdOf: jest.fn(),
    startOrJoin: jest.fn().mockResolvedValue({ runId: 'run-1' }),
    act: jest.fn(),
    readState: jest.fn(),
    readStateOf: jest.fn(),
    status: jest.fn(),
    runningWorkflowId: jest.fn(),
    list: jest.fn(),
    history: jest.fn(),
  };
}

function setup(opening?: Partial<IssueOpening>, row?: { status: string }) {
  const workflows = stubWorkflows();
  const ledger = {
    opening: jest
      .fn()
      .mockResolvedValue(
        opening
          ? { issueKey: 'issue:education:HH-1:dropped_out', pinned: false, row: null, ...opening }
          : undefined,
      ),
    find: jest.fn().mockResolvedValue(row ?? null),
  };
  const divisions = {
    village: jest.fn((code: string) =>
      Promise.resolve(code === VILLAGE.code ? VILLAGE : undefined),
    ),
  };
  const config = loadConfig({});
  const service = new IssueActsService(
    workflows,
    ledger as unknown as LedgerRepository,
    divisions as unknown as DivisionsService,
    config,
  );
  return { service, workflows, ledger, config };
}

const report: ReportIssueDto = {
  requestId: 'req-1',
  sector: 'education',
  kind: 'dropped_out',
  subject: { kind: 'household', id: 'HH-1', villageCode: VILLAGE.code },
  summary: 'not back at school',
  channel: 'village_patrol',
};

describe('reporting an issue', () => {
  it('starts or joins the issue of the key, with the county policy and the report as evidence', async () => {
    const { service, workflows, config } = setup();
    workflows.readState.mockResolvedValue({
      ledgerNo: '2026-EDU-000001',
      reportedAt: '2026-01-10T00:00:00.000Z',
      stage: 'verification',
      currentDueAt: '2026-01-11T00:00:00.000Z',
    } as IssueState);
    const answer = await service.report(cadre, report);
    const [input, evidence] = workflows.startOrJoin.mock.calls[0];
    expect(input).toMatchObject({
      issueKey: 'issue:education:HH-1:out_of_school',
      subject: { villageCode: VILLAGE.code, townshipCode: VILLAGE.townshipCode },
      severityHint: 'general',
      policy: config.deadlinePolicy,
      reportedBy: { id: 'user:u1', role: 'village', villageCode: VILLAGE.code },
    });
    expect(evidence).toMatchObject({ evidenceId: 'report:req-1', source: 'api:user:u1' });
    expect(workflows.readState).toHaveBeenCalledWith('issue:education:HH-1:out_of_school');
    // The state's report time is another report's: the issue was open already.
    expect(answer).toEqual({
      issueKey: 'issue:education:HH-1:out_of_school',
      ledgerNo: '2026-EDU-000001',
      created: false,
      stage: 'verification',
      currentDueAt: '2026-01-11T00:00:00.000Z',
    });
  });

  it('refuses a village outside the reporter scope without touching the workflow', async () => {
    const { service, workflows } = setup();
    const other = { ...cadre, villageCode: '522633101299' };
    await expect(service.report(other, report)).rejects.toMatchObject({ code: 'forbidden' });
    expect(workflows.startOrJoin).not.toHaveBeenCalled();
  });

  it('says the workflow service is away when Temporal cannot be reached', async () => {
    const { service, workflows } = setup();
    workflows.startOrJoin.mockRejectedValue(new ServiceError('connection refused'));
    await expect(service.report(cadre, report)).rejects.toMatchObject({
      code: 'unavailable',
    });
  });
});

describe('an act', () => {
  it('goes to the opening a ledger number names, as the Update of the name it is given', async () => {
    const { service, workflows } = setup({
      ledgerNo: '2026-EDU-000001',
      openingId: 'first-run',
      pinned: true,
    });
    const result = {
      requestId: 'r1',
      accepted: true as const,
      stage: 'resolution' as const,
      seq: 4,
      at: 'x',
    };
    workflows.act.mockResolvedValue(result);
    // Any name of the act catalogue passes through as it is.
    await expect(
      service.act(bureau, '2026-EDU-000001', 'progressNote', { requestId: 'r1', note: 'on it' }),
    ).resolves.toBe(result);
    const [target, name, act] = workflows.act.mock.calls[0];
    expect(target).toEqual({
      issueKey: 'issue:education:HH-1:dropped_out',
      openingId: 'first-run',
    });
    expect(name).toBe('progressNote');
    expect(act).toEqual({
      requestId: 'r1',
      note: 'on it',
      actor: { id: 'user:u2', name: 'Bureau', role: 'bureau', sector: 'education' },
    });
  });

  it('sends an issue key to its current opening, unpinned', async () => {
    const { service, workflows } = setup({ openingId: 'first-run', pinned: false });
    await service.act(bureau, 'issue:education:HH-1:dropped_out', 'completion', COMPLETION);
    expect(workflows.act.mock.calls[0][0]).toEqual({
      issueKey: 'issue:education:HH-1:dropped_out',
    });
  });

  it("maps the workflow's refusal codes, naming the field of a content refusal", async () => {
    const { service, workflows } = setup({ pinned: true });
    workflows.act.mockRejectedValueOnce(
      new IssueActRejected('invalid_field', 'solutionPlan: measures must not be empty'),
    );
    const invalid = await service.act(bureau, 'x', 'solutionPlan', PLAN).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ActRejectedError);
    expect(invalid).toMatchObject({ code: 'invalid_field', field: 'measures' });

    workflows.act.mockRejectedValueOnce(
      new IssueActRejected('wrong_stage', 'solutionPlan: measures is not the stage'),
    );
    const stage = await service.act(bureau, 'x', 'solutionPlan', PLAN).catch((e: unknown) => e);
    expect(stage).toMatchObject({ code: 'wrong_stage', field: undefined });
  });

  it('is a wrong-stage refusal on a closed issue, and not found on an unknown one', async () => {
    const closed = setup({ ledgerNo: 'L1', pinned: true }, { status: 'closed' });
    closed.workflows.act.mockRejectedValue(new IssueWorkflowNotFound('k'));
    await expect(closed.service.act(bureau, 'L1', 'completion', COMPLETION)).rejects.toMatchObject({
      code: 'wrong_stage',
    });

    const gone = setup({ ledgerNo: 'L1', pinned: true });
    gone.workflows.act.mockRejectedValue(new IssueWorkflowNotFound('k'));
    const error = await gone.service
      .act(bureau, 'L1', 'completion', COMPLETION)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'not_found' });

    const unknown = setup();
    await expect(
      unknown.service.act(bureau, 'nope', 'completion', COMPLETION),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(unknown.workflows.act).not.toHaveBeenCalled();
  });
});
