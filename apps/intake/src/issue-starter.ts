import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@sanbao/config';
import type { RiskSignal } from '@sanbao/contracts';
import { ISSUE_WORKFLOWS, type IssueWorkflows } from '@sanbao/temporal';
import { isGrpcServiceError } from '@temporalio/client';
import { NamespaceNotFoundError, WorkflowNotFoundError } from '@temporalio/common';
import { issueStartOf } from './issue-start';

/** gRPC codes that say "the server is not there right now", not "this request is wrong". */
const TRANSIENT_CODES = new Set([
  1, // CANCELLED
  4, // DEADLINE_EXCEEDED
  8, // RESOURCE_EXHAUSTED
  10, // ABORTED
  14, // UNAVAILABLE
]);

/**
 * Opens the issue for a signal, or appends the signal as evidence to the issue already open
 * for its key (the gateway's start-or-join). After write-off the same key opens a new issue.
 */
@Injectable()
export class IssueStarter {
  constructor(
    @Inject(ISSUE_WORKFLOWS) private readonly workflows: IssueWorkflows,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deliver(signal: RiskSignal): Promise<string> {
    const { input, evidence } = issueStartOf(signal, this.config.deadlinePolicy);
    await this.workflows.startOrJoin(input, evidence);
    return input.issueKey;
  }
}

/** True when the failure is Temporal being away (wait and retry), not the signal's fault. */
export function isTransient(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    // The SDK's answers that name what is missing carry no gRPC code; their message (with a
    // namespace or workflow id in it) must not be read as a connection failure.
    if (e instanceof NamespaceNotFoundError || e instanceof WorkflowNotFoundError) return false;
    if (isGrpcServiceError(e) && TRANSIENT_CODES.has(e.code)) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number' && TRANSIENT_CODES.has(code)) return true;
    if (e instanceof Error && /connect|ECONNREFUSED|UNAVAILABLE|timed? ?out/i.test(e.message)) {
      return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
