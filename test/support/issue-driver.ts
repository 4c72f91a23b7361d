/**
 * Drives issue workflows on the real stack: boots the real worker in-process on its own task
 * queue and NATS prefix, starts issues, sends acts as Updates (updateId = actUpdateId(), as the
 * API does), and reads what a user would check: the workflow's state, the ledger, the audit
 * trail, lapses, notifications and the published issue events.
 */
// The rooms are in ./issue/: policies, people (issues and actors), waiting, read-models (the
// rows a user reads), harness (worker, client, readers), driver (one issue's acts), histories.
export { calmPolicy, fastPolicy } from './issue/policies';
export { actorsFor, newIssue, type IssueActors } from './issue/people';
export { decisionOf, eventually, inSeconds } from './issue/waiting';
export type {
  AuditRow,
  LapseRow,
  LedgerRow,
  NotificationRow,
  PublishedEvent,
} from './issue/read-models';
export { IssueHarness } from './issue/harness';
export { IssueDriver } from './issue/driver';
export {
  HISTORY_FIXTURES,
  LIMITS_FROM_ENTRY_HISTORIES,
  loadHistoryFixture,
  ONE_UPSERT_HISTORIES,
  ONE_WRITE_HISTORIES,
  saveHistoryFixture,
} from './issue/histories';
