import { loadConfig } from '@sanbao/config';
import { buildSignal } from '@sanbao/contracts';
import { DEFAULT_WATER_RULES, worksStatusFindings } from '@sanbao/domain';
import type { IssueWorkflows } from '@sanbao/temporal';
import { IssueStarter } from './issue-starter';

const [finding] = worksStatusFindings(
  {
    reportId: 'W1',
    worksId: 'WS-1',
    problem: 'outage',
    startedAt: '2026-01-10T06:00:00+08:00',
    villages: [
      {
        villageCode: '522633101201',
        townshipCode: '522633101',
        peopleServed: 10,
        peopleAffected: 10,
      },
    ],
  },
  DEFAULT_WATER_RULES,
);
const signal = buildSignal(
  finding,
  { system: 'water', recordType: 'status', recordId: 'W1:522633101201' },
  '2026-01-10T06:00:00+08:00',
  '2026-01-10T06:05:00.000Z',
);

describe('the intake starting issues', () => {
  it('starts or joins the issue of the signal key through the gateway, with the signal as evidence', async () => {
    const startOrJoin = jest.fn().mockResolvedValue({ runId: 'run-1' });
    const workflows = { startOrJoin } as Partial<IssueWorkflows> as IssueWorkflows;
    const config = loadConfig({});
    const key = await new IssueStarter(workflows, config).deliver(signal);
    expect(key).toBe('issue:water:522633101201:supply');
    expect(startOrJoin).toHaveBeenCalledWith(
      expect.objectContaining({ issueKey: key, policy: config.deadlinePolicy }),
      expect.objectContaining({ evidenceId: `signal:${signal.signalId}` }),
    );
  });
});
