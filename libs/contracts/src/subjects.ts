/**
 * NATS subject and stream names. Every name hangs off the deployment's prefix (NATS_PREFIX,
 * default "sanbao") so that several deployments or test runs can share one NATS server.
 */
export function subjects(prefix: string) {
  return {
    signals: `${prefix}.signal.>`,
    signal: (sector: string, kind: string) => `${prefix}.signal.${sector}.${kind}`,
    deadLetters: `${prefix}.deadletter.>`,
    deadLetter: (source: string) => `${prefix}.deadletter.${source}`,
    issueEvents: `${prefix}.issue.>`,
    issueEvent: (event: string) => `${prefix}.issue.${event}`,
    ingest: (sector: string, kind: string) => `${prefix}.ingest.${sector}.${kind}`,
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
