import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { format } from 'prettier';
import { contractSchemas } from './json-schema';

/** `npm run schemas`: writes the contracts' JSON Schemas to docs/schemas/ (Prettier-formatted). */
async function main(): Promise<void> {
  const root = resolve(__dirname, '../../../../docs/schemas');
  for (const [name, schema] of Object.entries(contractSchemas())) {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await format(JSON.stringify(schema), { parser: 'json', printWidth: 100 }));
    console.log(`[schemas] ${name}`);
  }
}

main().catch((error: unknown) => {
  console.error(`[schemas] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
