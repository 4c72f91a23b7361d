import { readFileSync, writeFileSync } from 'fs';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import * as path from 'path';
import { format, resolveConfig } from 'prettier';
import { answerSchemas, offlineOpenApiDocument } from '../openapi';

/**
 * The console's API types, generated from the API's OpenAPI document (the one /docs/openapi.json
 * serves) by openapi-typescript, so the console reads the answers the routes declare.
 *   npm run console:api            rewrites apps/console/src/api-types.ts
 *   npm run console:api -- --check fails when the committed file is not what the API declares
 * (openapi-typescript and prettier load ES modules: jest runs this as its own process)
 */

export const CONSOLE_API_TYPES = path.resolve(__dirname, '../../../console/src/api-types.ts');

/** The answers the console reads (apps/console/src/api.ts names each one). */
export const CONSOLE_ANSWERS = [
  'ActResultDto',
  'BureauFileKindResponse',
  'BureauUploadResponse',
  'DashboardResponse',
  'ExtensionResponse',
  'IssueTimelineResponse',
  'LedgerIssueResponse',
  'LedgerPageResponse',
  'MonthlyReportResponse',
  'OnTimeRowResponse',
  'PrincipalResponse',
  'SignedInDto',
  'TimelineEntryResponse',
  'TownshipResponse',
  'VillageResponse',
  'WorkItemResponse',
];

const HEADER = `/**
 * The API's answers as types, generated from its OpenAPI document by \`npm run console:api\`
 * (apps/api/src/cli/console-api-types.ts, openapi-typescript): do not edit. What each field
 * means: the /docs page, or the response classes in apps/api.
 */
`;

/** The types file's text, as `npm run console:api` writes it. */
export async function consoleApiTypes(): Promise<string> {
  const document = await offlineOpenApiDocument();
  const answers = {
    ...document,
    paths: {},
    components: { schemas: answerSchemas(document, CONSOLE_ANSWERS) },
  };
  const ast = await openapiTS(answers as unknown as OpenAPI3, { alphabetize: true });
  const options = await resolveConfig(CONSOLE_API_TYPES);
  return format(HEADER + astToString(ast), { ...options, parser: 'typescript' });
}

async function main(): Promise<void> {
  const text = await consoleApiTypes();
  const check = process.argv.indexOf('--check');
  if (check >= 0) {
    // `--check [file]`: the committed file, or another copy of it (the spec's stale one).
    const file = process.argv[check + 1] ?? CONSOLE_API_TYPES;
    if (readFileSync(file, 'utf8') !== text) {
      console.error(`${path.relative(process.cwd(), file)} is stale: run npm run console:api`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(CONSOLE_API_TYPES, text);
  console.log(`wrote ${path.relative(process.cwd(), CONSOLE_API_TYPES)}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
