import type { ActRejectionCode } from '@sanbao/workflows';

/** The workflow's validator refused the act; `code` is one of ACT_REJECTIONS. */
export class IssueActRejected extends Error {
  constructor(
    readonly code: ActRejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'IssueActRejected';
  }
}

/** No workflow runs (or ever ran, within retention) for the key or opening. */
export class IssueWorkflowNotFound extends Error {
  constructor(readonly issueKey: string) {
    // The message names no key: it may reach a log, and the key holds a household number.
    super('no issue workflow for the key');
    this.name = 'IssueWorkflowNotFound';
  }
}
