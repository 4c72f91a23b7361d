import type { OpenAPIObject } from '@nestjs/swagger';
import { RECORD_KINDS } from '@sanbao/domain';
import { answerSchemas, offlineOpenApiDocument } from './openapi';

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface OpenApiAnswer {
  content?: Record<string, { schema?: Record<string, unknown> }>;
}
type Operation = { responses?: Record<string, OpenApiAnswer> };

/** A schema that says something: a reference, a type, or a composition of them. */
function hasShape(schema: Record<string, unknown> | undefined): boolean {
  if (!schema) return false;
  return ['$ref', 'type', 'allOf', 'oneOf', 'anyOf'].some((key) => key in schema);
}

function refsIn(schema: unknown): string[] {
  if (!schema || typeof schema !== 'object') return [];
  return Object.entries(schema as Record<string, unknown>).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [value] : refsIn(value),
  );
}

/** The API's OpenAPI document, as /docs/openapi.json serves it (the same function makes it). */
describe('the OpenAPI document', () => {
  let spec: OpenAPIObject;
  const operation = (path: string, method: string) =>
    (spec.paths[path] as Record<string, Operation>)[method];

  beforeAll(async () => {
    spec = await offlineOpenApiDocument();
  });

  it('declares the success answer of every route: a schema, a file type, or 204', () => {
    const undeclared: string[] = [];
    const dangling: string[] = [];
    let routes = 0;
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(operations as Record<string, Operation>)) {
        if (!HTTP_METHODS.has(method)) continue;
        routes += 1;
        const route = `${method.toUpperCase()} ${path}`;
        const success = Object.entries(op.responses ?? {}).filter(([status]) =>
          /^2\d\d$/.test(status),
        );
        const declared = success.some(
          ([status, answer]) =>
            status === '204' ||
            Object.values(answer.content ?? {}).some((body) => hasShape(body.schema)),
        );
        if (!declared) undeclared.push(route);
        for (const [, answer] of success) {
          for (const body of Object.values(answer.content ?? {})) {
            for (const ref of refsIn(body.schema)) {
              const name = ref.replace('#/components/schemas/', '');
              if (!spec.components?.schemas?.[name]) dangling.push(`${route} ${ref}`);
            }
          }
        }
      }
    }
    expect(routes).toBeGreaterThanOrEqual(37);
    expect(undeclared).toEqual([]);
    expect(dangling).toEqual([]);
    // The answer types are complete objects, not empty shells.
    const ledger = spec.components?.schemas?.LedgerIssueResponse as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(ledger.properties)).toEqual(
      expect.arrayContaining(['issueKey', 'ledgerNo', 'stage', 'deadlines', 'closedAt']),
    );
    // Downloads say what they are; errors have the one documented shape.
    const monthly = operation('/reports/monthly/{month}', 'get').responses?.['200'];
    expect(Object.keys(monthly?.content ?? {})).toEqual(
      expect.arrayContaining(['application/json', 'text/csv', XLSX]),
    );
    const workbook = operation('/console-api/ledger.xlsx', 'get').responses?.['200'];
    expect(Object.keys(workbook?.content ?? {})).toEqual([XLSX]);
    const consoleFile = operation('/console/{path}', 'get').responses?.['200'];
    expect(Object.keys(consoleFile?.content ?? {})).toEqual(
      expect.arrayContaining(['text/html', 'text/javascript']),
    );
    const invalid = operation('/issues', 'post').responses?.['422'];
    expect(refsIn(invalid?.content?.['application/json']?.schema)).toEqual([
      '#/components/schemas/ErrorResponse',
    ]);
  });

  it('gives the console the success answers and what they refer to, not request bodies', () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const json = (schema: object) => ({
      description: 'an answer',
      content: { 'application/json': { schema } },
    });
    const schemas = answerSchemas({
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          post: {
            requestBody: json(ref('BodyDto')),
            responses: { '200': json(ref('Answer')), '422': json(ref('ErrorResponse')) },
          },
        },
      },
      components: {
        schemas: {
          Answer: {
            type: 'object',
            description: 'for the docs page',
            properties: {
              part: ref('Part'),
              description: { type: 'string', example: 'a field named like a keyword' },
            },
          },
          Part: { type: 'object', properties: { n: { type: 'integer', format: 'int32' } } },
          BodyDto: { type: 'object' },
          ErrorResponse: { type: 'object' },
        },
      },
    });
    expect(schemas).toEqual({
      Answer: {
        type: 'object',
        properties: { part: ref('Part'), description: { type: 'string' } },
      },
      Part: { type: 'object', properties: { n: { type: 'integer' } } },
    });
    // The real document: the console's answers are there, the act bodies are not.
    const real = Object.keys(answerSchemas(spec));
    expect(real).toEqual(expect.arrayContaining(['LedgerIssueResponse', 'ActResultDto']));
    expect(real).not.toContain('VerificationDto');
    // Some answers only, and only answers.
    const timeline = Object.keys(answerSchemas(spec, ['IssueTimelineResponse']));
    expect(timeline.filter((name) => !name.endsWith('TimelineEntry')).sort()).toEqual([
      'ActorResponse',
      'IssueHistoryResponse',
      'IssueTimelineResponse',
      'LedgerIssueResponse',
      'SubjectResponse',
      'TemporalLinkResponse',
      'TimelineEntryResponse',
    ]);
    // Each kind of timeline entry with its own details: every record kind, deadlines, lapses.
    expect(timeline.filter((name) => name.endsWith('TimelineEntry'))).toHaveLength(
      RECORD_KINDS.length + 2,
    );
    expect(() => answerSchemas(spec, ['VerificationDto'])).toThrow(
      'not part of a success answer: VerificationDto',
    );
  });
});
