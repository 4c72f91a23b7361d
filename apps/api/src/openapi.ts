import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@sanbao/config';
import { ACT_NAMES, ACTS } from '@sanbao/domain';
import { ApiAppModule } from './app.module';
import { ActorResponse } from './issues/responses/history.response';
import { timelineEntrySchemas } from './issues/responses/timeline-entry.schema';

/**
 * The API's OpenAPI document: what /docs and /docs/openapi.json serve, and what the console's
 * types are generated from (apps/console/src/api-types.ts, `npm run console:api`).
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('sanbao County API')
      .setDescription(
        `People of the county act on issues (${ACT_NAMES.map((name) => ACTS[name].names.en.toLowerCase()).join(', ')}) ` +
          'and read the ledger, histories, accountability and monthly reports. Sign in at ' +
          'POST /auth/sign-in and ' +
          'send the token as "Authorization: Bearer <token>". See docs/api.md for a walk-through.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ActorResponse] },
  );
  // The timeline's entries: a union on kind, each with its typed details (not a class each).
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...timelineEntrySchemas() },
  };
  return document;
}

type Schemas = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>;

function refsIn(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string'
      ? [inner.replace('#/components/schemas/', '')]
      : refsIn(inner),
  );
}

/** What the /docs page shows beside a schema's types: the console's types leave it out. */
const PROSE = new Set(['description', 'example', 'format']);

/**
 * A schema's types alone (the meanings are on the /docs page, and in the response classes).
 * `names`: the value is a `properties` map, whose keys are field names, not keywords.
 */
function typesOnly(value: unknown, names = false): unknown {
  if (Array.isArray(value)) return value.map((item) => typesOnly(item));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => names || !PROSE.has(key))
      .map(([key, inner]) => [key, typesOnly(inner, !names && key === 'properties')]),
  );
}

/**
 * What a client reads: the schemas of the routes' success answers and those they refer to
 * (not the request bodies: the console sends acts typed by the act catalogue); `only`: just
 * these schemas (each part of an answer) and what they refer to.
 */
export function answerSchemas(document: OpenAPIObject, only?: readonly string[]): Schemas {
  const all = document.components?.schemas ?? {};
  const answers = Object.values(document.paths).flatMap((operations) =>
    Object.values(operations as Record<string, { responses?: Record<string, unknown> }>).flatMap(
      (operation) =>
        Object.entries(operation?.responses ?? {})
          .filter(([status]) => /^2\d\d$/.test(status))
          .flatMap(([, answer]) => refsIn(answer)),
    ),
  );
  const closure = (roots: readonly string[]): Set<string> => {
    const kept = new Set<string>();
    const visit = (name: string): void => {
      if (kept.has(name) || !all[name]) return;
      kept.add(name);
      refsIn(all[name]).forEach(visit);
    };
    roots.forEach(visit);
    return kept;
  };
  const every = closure(answers);
  const missing = (only ?? []).filter((name) => !every.has(name));
  if (missing.length > 0) throw new Error(`not part of a success answer: ${missing.join(', ')}`);
  const kept = only ? closure(only) : every;
  return Object.fromEntries(
    [...kept].sort().map((name) => [name, typesOnly(all[name]) as Schemas[string]]),
  );
}

/**
 * The document without a running API: Nest's preview mode reads the modules' routes and their
 * decorators without making a provider, so nothing connects to PostgreSQL, NATS or Temporal.
 */
export async function offlineOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ NODE_ENV: 'development' });
  const app = await NestFactory.create(ApiAppModule.forRoot(config), {
    preview: true,
    logger: false,
  });
  try {
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}
