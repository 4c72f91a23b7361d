/**
 * True when a NATS subject matches a subscription pattern: `*` stands for one token, a final
 * `>` for one or more.
 */
export function subjectMatches(pattern: string, subject: string): boolean {
  const want = pattern.split('.');
  const got = subject.split('.');
  for (let i = 0; i < want.length; i++) {
    if (want[i] === '>') return i === want.length - 1 && got.length > i;
    if (i >= got.length) return false;
    if (want[i] !== '*' && want[i] !== got[i]) return false;
  }
  return want.length === got.length;
}

/** A handler's pattern under the deployment's prefix (`sanbao` + `signal.>`). */
export function prefixed(prefix: string, pattern: string): string {
  return `${prefix}.${pattern}`;
}
