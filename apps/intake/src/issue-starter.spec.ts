import { loadConfig } from '@sanbao/config';
import type { IssueWorkflows } from '@sanbao/temporal';
import { IssueStarter } from './issue-starter';
import { waterSignal as signal } from './water-signal.spec-support';

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
