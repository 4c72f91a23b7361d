// The rows and events a user would read, as the tests read them.
import type { Actor, IssueEvent } from '@sanbao/domain';

export interface LedgerRow {
  issue_key: string;
  ledger_no: string | null;
  sector: string;
  stage: string;
  status: 'open' | 'closed';
  closure: string | null;
  severity: string | null;
  overdue_level: string;
  current_due_at: Date | null;
  deadlines: Record<string, string>;
  responsible_unit: string | null;
  responsible_person: string | null;
  reopen_count: number;
  reminders: number;
  lapse_count: number;
  extension_status: string | null;
  last_seq: number;
  closed_at: Date | null;
}

export interface AuditRow {
  seq: number;
  request_id: string;
  kind: string;
  actor: Actor;
  at: Date;
  stage: string;
  summary: string;
  payload: Record<string, unknown>;
}

export interface LapseRow {
  stage: string;
  unit: string;
  due_at: Date;
  detected_at: Date;
  level: string;
  resolved_at: Date | null;
  days_late: string | number | null;
}

export interface NotificationRow {
  seq: number;
  event: 'reminded' | 'escalated';
  stage: string;
  level: string;
  responsible_unit: string;
  notify: string[];
}

export interface PublishedEvent {
  subject: string;
  msgId: string;
  event: IssueEvent;
}
