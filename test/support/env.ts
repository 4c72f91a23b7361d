import { AppConfig, loadConfig } from '@sanbao/config';

/**
 * The configuration `npm test` hands to the suites: its own database, NATS prefix, Temporal
 * server and task queue. Suites that need isolation from each other derive from it.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({ ...process.env, ...overrides });
}

export function uniqueId(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
