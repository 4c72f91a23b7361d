import { loadConfig } from '@sanbao/config';
import type { IssueState } from '@sanbao/domain';
import type { IssueAuditEntity, IssueLapseEntity } from '@sanbao/persistence';
import type { IssueRun, IssueWorkflows } from '@sanbao/temporal';
import { temporal } from '@temporalio/proto';
import { IssueHistoryService } from './history.service';
import type { IssueOpening, LedgerRepository } from './ledger.repository';

const KEY = 'issue:water:522633101201:outage';
/** what Temporal knows the issue by: the keyed hash of KEY */
const WORKFLOW_ID = 'issue-abcdefghijklmnopqrstuvwxyz234567';
const SYSTEM = { id: 'intake:water', name: 'water (intake)', role: 'system' as const };

function stubWorkflows(): jest.Mocked<IssueWorkflows> {
  return {
    workflowIdOf: jest.fn(),
    startOrJoin: jest.fn(),
    act: jest.fn(),
    readState: jest.fn(),
    readStateOf: jest.fn(),
    status: jest.fn(),
    runningWorkflowId: jest.fn(),
    list: jest.fn(),
    history: jest.fn(),
  };
}

const opening: IssueOpening = {
  issueKey: KEY,
  ledgerNo: '2026-WAT-000001',
  openingId: 'run-1',
  pinned: true,
  row: { ledgerNo: '2026-WAT-000001' } as IssueOpening['row'],
};

const opened = {
  ledgerNo: '2026-WAT-000001',
  issueKey: KEY,
  seq: 1,
  requestId: `opened:${KEY}`,
  kind: 'opened',
  actor: SYSTEM,
  at: new Date('2026-01-10T08:00:00.000Z'),
  stage: 'verification',
  summary: 'opened',
  payload: { channel: 'sector_signal', dueAt: '2026-01-11T08:00:00.000Z' },
} as unknown as IssueAuditEntity;

const lapse = {
  stage: 'verification',
  unit: '522633101201',
  dueAt: new Date('2026-01-11T08:00:00.000Z'),
  detectedAt: new Date('2026-01-11T08:00:01.000Z'),
  level: 'yellow',
  resolvedAt: null,
  daysLate: null,
} as unknown as IssueLapseEntity;

const { EventType } = temporal.api.enums.v1;
const STARTED = EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED;
const CONTINUED = EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW;

const runs: IssueRun[] = [
  {
    workflowId: WORKFLOW_ID,
    runId: 'run-1',
    history: {
      events: [
        {
          eventType: CONTINUED,
          workflowExecutionContinuedAsNewEventAttributes: { newExecutionRunId: 'run-2' },
        },
      ],
    },
  },
  {
    workflowId: WORKFLOW_ID,
    runId: 'run-2',
    history: { events: [{ eventType: STARTED }, { eventType: STARTED }] },
  },
];

const state = {
  stage: 'verification',
  deadlines: { verification: '2026-01-11T08:00:00.000Z' },
  lapses: [],
  extensions: [],
  acts: [
    {
      seq: 1,
      requestId: `opened:${KEY}`,
      act: 'opened',
      actor: SYSTEM,
      at: '2026-01-10T08:00:00.000Z',
      stage: 'verification',
      summary: 'opened',
      payload: {},
    },
  ],
} as unknown as IssueState;

function setup() {
  const workflows = stubWorkflows();
  workflows.history.mockResolvedValue(runs);
  workflows.readState.mockResolvedValue(state);
  const ledger = {
    opening: jest.fn((id: string) => Promise.resolve(id === 'nope' ? undefined : opening)),
    audit: jest.fn().mockResolvedValue([opened]),
    lapses: jest.fn().mockResolvedValue([lapse]),
    notifications: jest.fn().mockResolvedValue([]),
  };
  const config = loadConfig({ TEMPORAL_UI_URL: 'http://ui.test/' });
  const service = new IssueHistoryService(ledger as unknown as LedgerRepository, workflows, config);
  return { service, workflows, config };
}

describe("an issue's history", () => {
  it('reads the runs of its own opening and the last run state, and orders the story', async () => {
    const { service, workflows, config } = setup();
    const history = await service.history('2026-WAT-000001');
    expect(workflows.history).toHaveBeenCalledWith(KEY, 'run-1');
    expect(workflows.readState).toHaveBeenCalledWith(KEY, 'run-2');
    expect(history.temporal).toEqual({
      workflowId: WORKFLOW_ID,
      namespace: config.temporal.namespace,
      webUrl: `http://ui.test/namespaces/${config.temporal.namespace}/workflows/${WORKFLOW_ID}/run-1/history`,
      runs: ['run-1', 'run-2'],
      events: 3,
    });
    expect(history.timeline.map((e) => [e.kind, e.source])).toEqual([
      ['opened', 'audit'],
      // The limit comes from the state, after the record that set it.
      ['deadline', 'temporal'],
      ['lapse', 'accountability'],
    ]);
    expect(history.timeline[1]).toMatchObject({
      stage: 'verification',
      details: { dueAt: '2026-01-11T08:00:00.000Z' },
    });
  });

  it('names the workflow by its hashed id even when its runs are past retention', async () => {
    const { service, workflows, config } = setup();
    workflows.history.mockResolvedValue([]);
    workflows.workflowIdOf.mockReturnValue(WORKFLOW_ID);
    const history = await service.history('2026-WAT-000001');
    expect(workflows.workflowIdOf).toHaveBeenCalledWith(KEY);
    expect(history.temporal).toMatchObject({ workflowId: WORKFLOW_ID, runs: [] });
    expect(history.temporal.webUrl).toBe(
      `http://ui.test/namespaces/${config.temporal.namespace}/workflows/${WORKFLOW_ID}/run-1/history`,
    );
  });

  it('still tells the record when the state cannot be read', async () => {
    const { service, workflows } = setup();
    workflows.readState.mockRejectedValue(new Error('no worker polling'));
    const history = await service.history('2026-WAT-000001');
    expect(history.timeline.map((e) => e.kind)).toEqual(['opened', 'lapse']);
  });

  it('gives the raw runs as proto JSON, and not found when there is no such issue', async () => {
    const { service, workflows } = setup();
    const raw = await service.rawHistory('2026-WAT-000001');
    expect(raw.issueKey).toBe(KEY);
    expect(raw.runs).toEqual([
      {
        runId: 'run-1',
        history: {
          events: [
            {
              eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW',
              workflowExecutionContinuedAsNewEventAttributes: { newExecutionRunId: 'run-2' },
            },
          ],
        },
      },
      {
        runId: 'run-2',
        history: {
          events: [
            { eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' },
            { eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' },
          ],
        },
      },
    ]);
    await expect(service.history('nope')).rejects.toMatchObject({ code: 'not_found' });
    workflows.history.mockResolvedValue([]);
    await expect(service.rawHistory('2026-WAT-000001')).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
