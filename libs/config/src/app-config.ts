import {
  DEFAULT_DEADLINE_POLICY,
  DeadlinePolicy,
  mergeDeadlinePolicy,
  Sector,
  SECTORS,
  SectorRules,
  validateDeadlinePolicy,
} from '@sanbao/domain';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'fs';
import { Environment } from './environment';
import { loadSectorRules } from './sector-rules';

/**
 * The typed configuration the apps receive: built once from the validated Environment, with the
 * county's deadline policy and sector rules read from their files.
 */

/** Known to everyone who reads this file: only for development and tests, refused in production. */
export const DEVELOPMENT_JWT_SECRET = 'sanbao-development-only-jwt-secret-do-not-use-in-production';

/** Known to everyone who reads this file: only for development and tests, refused in production. */
export const DEVELOPMENT_WORKFLOW_ID_SECRET =
  'sanbao-development-only-workflow-id-secret-do-not-use-in-production';

export type AppName = 'api' | 'intake' | 'worker' | 'education' | 'medical' | 'housing' | 'water';

export const APP_NAMES: readonly AppName[] = [
  'api',
  'intake',
  'worker',
  'education',
  'medical',
  'housing',
  'water',
];

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  host: string;
  ports: Record<AppName, number>;
  /** the API's sign-in tokens and limits */
  auth: { jwtSecret: string; jwtExpiresInSeconds: number; signInRateLimit: number };
  api: { bodyLimitKb: number };
  database: { url: string; poolSize: number; acquireTimeoutMs: number };
  /** The Temporal worker's limits (docs/architecture.md, "Worker memory and pools"). */
  worker: { activityConcurrency: number; maxCachedWorkflows: number };
  /** The reconciliation schedule: how often, over how many hours back. */
  reconciliation: { everyMinutes: number; windowHours: number };
  nats: { servers: string[]; prefix: string; user?: string; pass?: string };
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    uiUrl: string;
    workflowBundle?: string;
    /** keys the issue workflow ids (never logged) */
    workflowIdSecret: string;
    /** also find issues whose workflow id is their raw issue key (opened before hashing) */
    legacyWorkflowIds: boolean;
    /** encrypts workflow payloads (base64, never logged); none: payloads in the clear */
    payloadKey?: string;
    /** older payload keys, for decrypting only */
    previousPayloadKeys: string[];
  };
  /** The rules new issues start with; a running issue keeps the policy it started with. */
  deadlinePolicy: DeadlinePolicy;
  /** The county's thresholds that turn sector records into risk signals. */
  sectorRules: SectorRules;
  /** Limits of the sector services' ingest endpoints. */
  ingest: { maxRecords: number; bodyLimitMb: number };
  /**
   * How the API relays a bureau officer's upload to the sector service: its base URL, and the
   * machine key it sends (a sector without a key takes no console uploads).
   */
  sectorServices: Record<Sector, { url: string; uploadKey?: string }>;
  /** How the intake consumes the signal stream. */
  intake: {
    consumer: string;
    maxDeliveries: number;
    batchSize: number;
    ackWaitSeconds: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** `a=x,b=y` as a map; the environment's pattern has checked the shape. */
function pairs(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of text.split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    map.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return map;
}

/** Each sector service's URL (by default on this host, at its port) and upload key. */
function sectorServices(env: Environment, problems: string[]): AppConfig['sectorServices'] {
  const urls = pairs(env.SECTOR_SERVICE_URLS);
  const keys = pairs(env.SECTOR_UPLOAD_KEYS);
  const ports: Record<Sector, number> = {
    education: env.EDUCATION_PORT,
    medical: env.MEDICAL_PORT,
    housing: env.HOUSING_PORT,
    water: env.WATER_PORT,
  };
  const services = {} as AppConfig['sectorServices'];
  for (const sector of SECTORS) {
    const uploadKey = keys.get(sector);
    if (uploadKey !== undefined && !uploadKey.startsWith(`sbk_${sector}_`)) {
      // The key itself is left out of the message, like every secret.
      problems.push(`SECTOR_UPLOAD_KEYS: the key given for ${sector} is not one of ${sector}'s`);
    }
    services[sector] = {
      url: (urls.get(sector) ?? `http://127.0.0.1:${ports[sector]}`).replace(/\/+$/, ''),
      ...(uploadKey ? { uploadKey } : {}),
    };
  }
  return services;
}

/** Validates the environment once; a bad variable stops start-up with its name and the rule. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new Environment());
  const given: Record<string, string> = {};
  for (const key of [...known, 'WORKFLOW_BUNDLE', 'DEADLINE_POLICY_FILE', 'SECTOR_RULES_FILE']) {
    const value = source[key];
    if (value !== undefined && value !== '') given[key] = value;
  }
  const env = plainToInstance(Environment, given, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false });
  const problems = errors.map((e) => {
    const rules = Object.values(e.constraints ?? {}).join('; ');
    // The value itself is left out: it may be a secret (a password inside DATABASE_URL).
    return `${e.property}: ${rules}`;
  });
  const deadlinePolicy = loadDeadlinePolicy(env.DEADLINE_POLICY_FILE, problems);
  const sectorRules = loadSectorRules(env.SECTOR_RULES_FILE, problems);
  const services = sectorServices(env, problems);
  if (problems.length > 0 || !deadlinePolicy || !sectorRules) throw new ConfigError(problems);
  return {
    env: env.NODE_ENV as AppConfig['env'],
    logLevel: env.LOG_LEVEL as AppConfig['logLevel'],
    host: env.HOST,
    ports: {
      api: env.API_PORT,
      intake: env.INTAKE_PORT,
      worker: env.WORKER_PORT,
      education: env.EDUCATION_PORT,
      medical: env.MEDICAL_PORT,
      housing: env.HOUSING_PORT,
      water: env.WATER_PORT,
    },
    auth: {
      jwtSecret: env.JWT_SECRET || DEVELOPMENT_JWT_SECRET,
      jwtExpiresInSeconds: env.JWT_EXPIRES_IN,
      signInRateLimit: env.SIGN_IN_RATE_LIMIT,
    },
    api: { bodyLimitKb: env.API_BODY_LIMIT_KB },
    database: {
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      acquireTimeoutMs: env.DATABASE_ACQUIRE_TIMEOUT_MS,
    },
    worker: {
      activityConcurrency: env.WORKER_ACTIVITY_CONCURRENCY,
      maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
    },
    reconciliation: {
      everyMinutes: env.RECONCILIATION_EVERY_MINUTES,
      windowHours: env.RECONCILIATION_WINDOW_HOURS,
    },
    nats: {
      servers: env.NATS_URL.split(','),
      prefix: env.NATS_PREFIX,
      user: env.NATS_USER,
      pass: env.NATS_USER === undefined ? undefined : env.NATS_PASSWORD,
    },
    temporal: {
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      uiUrl: env.TEMPORAL_UI_URL,
      workflowBundle: env.WORKFLOW_BUNDLE,
      workflowIdSecret: env.WORKFLOW_ID_SECRET || DEVELOPMENT_WORKFLOW_ID_SECRET,
      legacyWorkflowIds: env.WORKFLOW_ID_LEGACY_LOOKUP === 'on',
      payloadKey: env.WORKFLOW_PAYLOAD_KEY || undefined,
      previousPayloadKeys: env.WORKFLOW_PAYLOAD_KEYS_PREVIOUS
        ? env.WORKFLOW_PAYLOAD_KEYS_PREVIOUS.split(',')
        : [],
    },
    deadlinePolicy,
    sectorRules,
    ingest: { maxRecords: env.INGEST_MAX_RECORDS, bodyLimitMb: env.INGEST_BODY_LIMIT_MB },
    sectorServices: services,
    intake: {
      consumer: env.INTAKE_CONSUMER,
      maxDeliveries: env.INTAKE_MAX_DELIVERIES,
      batchSize: env.INTAKE_BATCH_SIZE,
      ackWaitSeconds: env.INTAKE_ACK_WAIT_SECONDS,
    },
  };
}

/**
 * The default policy, or the default with DEADLINE_POLICY_FILE laid over it (top-level fields
 * replace, `limits` are combined per stage). Each problem is reported under the variable's name.
 */
export function loadDeadlinePolicy(
  file: string | undefined,
  problems: string[],
): DeadlinePolicy | undefined {
  if (file === undefined) return DEFAULT_DEADLINE_POLICY;
  const fail = (problem: string) => {
    problems.push(`DEADLINE_POLICY_FILE: ${problem}`);
    return undefined;
  };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return fail(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let override: unknown;
  try {
    override = JSON.parse(text);
  } catch (e) {
    return fail(`${file} is not valid JSON (${(e as Error).message})`);
  }
  if (typeof override !== 'object' || override === null || Array.isArray(override)) {
    return fail(`${file} must hold a JSON object with the policy fields to change`);
  }
  const policy = mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, override);
  const invalid = validateDeadlinePolicy(policy);
  // The ledger names the policy an issue ran under: changed rules need their own version.
  if (!('version' in override) || policy.version === DEFAULT_DEADLINE_POLICY.version) {
    invalid.unshift(
      `version: the file must set its own version (not "${DEFAULT_DEADLINE_POLICY.version}")`,
    );
  }
  if (invalid.length > 0) {
    invalid.forEach(fail);
    return undefined;
  }
  return policy;
}

let cached: AppConfig | undefined;

/** The process-wide configuration, read and validated on first use. */
export function getConfig(): AppConfig {
  cached ??= loadConfig();
  return cached;
}
