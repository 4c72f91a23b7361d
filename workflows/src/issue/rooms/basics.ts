import type { Actor, Stage } from '@sanbao/domain';

/** What the case and its rooms share without importing each other (no import cycle). */

export type OpenStage = Exclude<Stage, 'closed'>;

/** The worker's name for the workflow's own entries in the record (timers, decisions by count). */
export const SYSTEM_ACTOR: Actor = {
  id: 'system:issue-workflow',
  name: 'issue workflow',
  role: 'system',
};

export function iso(date: Date): string {
  return date.toISOString();
}

/** A deep copy as JSON keeps it: what is recorded or sent cannot change under the reader. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
