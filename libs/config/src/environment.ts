import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

/** 32 bytes in standard base64: 43 characters and one `=`; a list of them, comma-separated. */
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;
const BASE64_KEYS = /^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$/;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' && /^-?\d+$/.test(value.trim())
    ? Number(value.trim())
    : value;

/**
 * Every environment variable the apps read, with its default. This class is the only place
 * that knows about process.env; the rest of the code receives a typed AppConfig.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL = 'log';

  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/sanbao';

  /**
   * Connections of an app's PostgreSQL pool (API, intake). The worker sizes its own from
   * WORKER_ACTIVITY_CONCURRENCY, so that every running activity has a connection.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DATABASE_POOL_SIZE = 10;

  /**
   * How long a query may wait for a free pool connection before it fails, in milliseconds.
   * Separate from the connect timeout (3 s, so a database that is away shows at once): a busy
   * pool or a held lock makes requests queue, not fail.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  DATABASE_ACQUIRE_TIMEOUT_MS = 120_000;

  /**
   * Activities the worker runs at once, and as many local activities (the one-write flush):
   * its pool gets a connection for each of both, plus two (the outbox relay, health).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  WORKER_ACTIVITY_CONCURRENCY = 8;

  /**
   * Workflows the worker keeps in memory (sticky cache). Measured in docs/benchmarks.md: the
   * cache, not the number of open issues, bounds the worker's memory; an issue outside it
   * is replayed from its (short, continued-as-new) history when it wakes.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100_000)
  WORKER_MAX_CACHED_WORKFLOWS = 250;

  /** How often the reconciliation schedule compares signals, workflows and ledger rows. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_080)
  RECONCILIATION_EVERY_MINUTES = 60;

  /** The period each scheduled reconciliation looks back over (overlapping runs on purpose). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  RECONCILIATION_WINDOW_HOURS = 24;

  @Matches(/^(nats|tls):\/\/[^\s,]+(,(nats|tls):\/\/[^\s,]+)*$/, {
    message: 'must be one or more nats://host:port URLs separated by commas',
  })
  NATS_URL = 'nats://127.0.0.1:4222';

  /** Root of every subject and stream name, so several deployments (or test runs) share one NATS. */
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, {
    message: 'must be lower-case letters, digits or _ (at most 32), starting with a letter',
  })
  NATS_PREFIX = 'sanbao';

  /**
   * This part's NATS user and password (the stack issues one per part; docs/security.md). Both
   * or neither: a server without accounts takes none.
   */
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_-]{0,63}$/, { message: 'must be a NATS user name' })
  NATS_USER?: string;

  @ValidateIf((env: { NATS_USER?: string }) => env.NATS_USER !== undefined)
  @IsString()
  @MinLength(16)
  NATS_PASSWORD?: string;

  @Matches(/^[^\s:]+:\d{1,5}$/, { message: 'must be host:port' })
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @IsString()
  @IsNotEmpty()
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  @IsNotEmpty()
  TEMPORAL_TASK_QUEUE = 'sanbao-issues';

  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  TEMPORAL_UI_URL = 'http://127.0.0.1:8233';

  @IsString()
  @IsNotEmpty()
  HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  API_PORT = 3000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  INTAKE_PORT = 3001;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_PORT = 3002;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EDUCATION_PORT = 3003;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  MEDICAL_PORT = 3004;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  HOUSING_PORT = 3005;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  WATER_PORT = 3006;

  /**
   * Signs the API's sign-in tokens. Every API process of a deployment must share it, so it is
   * never generated per process: production requires one; development and tests fall back to
   * DEVELOPMENT_JWT_SECRET, which production refuses.
   */
  @IsString()
  @ValidateIf((env: Environment) => env.NODE_ENV === 'production')
  @MinLength(32, { message: 'required in production: at least 32 random characters' })
  @Matches(/^(?!sanbao-development-only-jwt-secret)/, {
    message: 'the development secret may not be used in production',
  })
  JWT_SECRET = '';

  /**
   * Keys the hash that names issue workflows (docs/security.md, "Workflow ids"): without it
   * nobody who reads Temporal (its Web UI, logs, task tokens) can tell which household an id
   * is about, nor confirm a guess. Every process of a deployment must share it and it must
   * never change, so it is never generated per process: production requires one; development
   * and tests fall back to DEVELOPMENT_WORKFLOW_ID_SECRET, which production refuses.
   */
  @IsString()
  @ValidateIf((env: Environment) => env.NODE_ENV === 'production')
  @MinLength(32, { message: 'required in production: at least 32 random characters' })
  @Matches(/^(?!sanbao-development-only-workflow-id-secret)/, {
    message: 'the development secret may not be used in production',
  })
  WORKFLOW_ID_SECRET = '';

  /**
   * Whether the gateway also looks for issues opened before workflow ids were hashed (their id
   * is the raw issue key). Turn it off once none of those runs any more (docs/security.md).
   */
  @IsIn(['on', 'off'])
  WORKFLOW_ID_LEGACY_LOOKUP = 'on';

  /**
   * Encrypts every workflow payload (AES-256-GCM) before it reaches Temporal, so its database,
   * CLI and Web UI hold no personal data (docs/security.md, "Workflow payloads"): 32 random
   * bytes in base64 (`openssl rand -base64 32`). Required in production; unset elsewhere,
   * payloads go in the clear.
   */
  @ValidateIf(
    (env: Environment) => env.NODE_ENV === 'production' || env.WORKFLOW_PAYLOAD_KEY !== '',
  )
  @Matches(BASE64_KEY, {
    message: 'required in production: 32 random bytes in base64 (openssl rand -base64 32)',
  })
  WORKFLOW_PAYLOAD_KEY = '';

  /** Keys replaced by WORKFLOW_PAYLOAD_KEY, comma-separated: they only decrypt older payloads. */
  @ValidateIf((env: Environment) => env.WORKFLOW_PAYLOAD_KEYS_PREVIOUS !== '')
  @Matches(BASE64_KEYS, { message: 'must be keys like WORKFLOW_PAYLOAD_KEY, separated by commas' })
  WORKFLOW_PAYLOAD_KEYS_PREVIOUS = '';

  /** How long a sign-in token is valid, in seconds (8 hours: one working day). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(31 * 24 * 3600)
  JWT_EXPIRES_IN = 28800;

  /** Sign-in attempts allowed per client address per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  SIGN_IN_RATE_LIMIT = 10;

  /** Largest request body the API accepts, in kilobytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10240)
  API_BODY_LIMIT_KB = 256;

  /** Path of a pre-built workflow bundle; empty means the worker bundles workflows/ at start. */
  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE?: string;

  /** JSON file with the county's deadline policy, laid over the default; empty uses the default. */
  @IsOptional()
  @IsString()
  DEADLINE_POLICY_FILE?: string;

  /** JSON file with the county's sector thresholds, laid over the defaults (docs/integration.md). */
  @IsOptional()
  @IsString()
  SECTOR_RULES_FILE?: string;

  /** Most records one ingest batch (HTTP or NATS) may hold. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  INGEST_MAX_RECORDS = 20000;

  /** Largest ingest request body (JSON or CSV upload), in megabytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(512)
  INGEST_BODY_LIMIT_MB = 32;

  /**
   * Where the API reaches each sector service to relay a bureau officer's upload, as
   * `<sector>=<url>` separated by commas; a sector left out is http://127.0.0.1:<its port>.
   */
  @ValidateIf((env: Environment) => env.SECTOR_SERVICE_URLS !== '')
  @Matches(
    /^(education|medical|housing|water)=https?:\/\/[^\s,]+(,(education|medical|housing|water)=https?:\/\/[^\s,]+)*$/,
    {
      message: 'must be <sector>=<http(s) URL> pairs separated by commas',
    },
  )
  SECTOR_SERVICE_URLS = '';

  /**
   * The machine key the API relays each sector's console uploads with, as `<sector>=<key>`
   * separated by commas (`npm run machine-key:create -- <sector> console`); a sector left out
   * takes no uploads from the console (503). Never logged.
   */
  @ValidateIf((env: Environment) => env.SECTOR_UPLOAD_KEYS !== '')
  @Matches(
    /^(education|medical|housing|water)=sbk_[a-z]+_[A-Za-z0-9_-]{43}(,(education|medical|housing|water)=sbk_[a-z]+_[A-Za-z0-9_-]{43})*$/,
    {
      message: 'must be <sector>=<machine key> pairs separated by commas',
    },
  )
  SECTOR_UPLOAD_KEYS = '';

  /** Durable name of the intake's consumer on the signal stream (one per deployment). */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be letters, digits, _ or - (at most 64)' })
  INTAKE_CONSUMER = 'intake';

  /** Deliveries of a failing signal before it goes to the dead-letter stream. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  INTAKE_MAX_DELIVERIES = 5;

  /** Signals the intake works on at once; it pulls the next as soon as one is done. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  INTAKE_BATCH_SIZE = 64;

  /** Seconds a delivered signal may stay unacknowledged before the stream redelivers it. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(3600)
  INTAKE_ACK_WAIT_SECONDS = 60;
}
