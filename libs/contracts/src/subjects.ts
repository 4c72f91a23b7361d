/**
 * The subjects under a deployment's prefix. Nest handlers name these (`@EventPattern
 * (patterns.signals)`), and the transports put the prefix in front, so a pattern can be written
 * before the configuration is read.
 */
export const patterns = {
  signals: 'signal.>',
  signal: (sector: string, kind: string) => `signal.${sector}.${kind}`,
  deadLetters: 'deadletter.>',
  deadLetter: (source: string) => `deadletter.${source}`,
  issueEvents: 'issue.>',
  /** The sector in the subject lets the bus grant a bureau its own sector's events only. */
  issueEvent: (sector: string, event: string) => `issue.${sector}.${event}`,
  ingest: (sector: string, kind: string) => `ingest.${sector}.${kind}`,
};

/**
 * NATS subject and stream names. Every name hangs off the deployment's prefix (NATS_PREFIX,
 * default "sanbao") so that several deployments or test runs can share one NATS server.
 */
export function subjects(prefix: string) {
  return {
    signals: `${prefix}.${patterns.signals}`,
    signal: (sector: string, kind: string) => `${prefix}.${patterns.signal(sector, kind)}`,
    deadLetters: `${prefix}.${patterns.deadLetters}`,
    deadLetter: (source: string) => `${prefix}.${patterns.deadLetter(source)}`,
    issueEvents: `${prefix}.${patterns.issueEvents}`,
    issueEvent: (sector: string, event: string) =>
      `${prefix}.${patterns.issueEvent(sector, event)}`,
    ingest: (sector: string, kind: string) => `${prefix}.${patterns.ingest(sector, kind)}`,
  };
}

export function streamNames(prefix: string) {
  const root = prefix.toUpperCase();
  return {
    signals: `${root}_SIGNALS`,
    deadLetters: `${root}_DEADLETTERS`,
    issueEvents: `${root}_ISSUE_EVENTS`,
  };
}
