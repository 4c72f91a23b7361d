import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { contractSchemas } from './json-schema';

/** `npm run schemas`: writes the contracts' JSON Schemas to docs/schemas/. */
const root = resolve(__dirname, '../../../../docs/schemas');
for (const [name, schema] of Object.entries(contractSchemas())) {
  const path = join(root, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`[schemas] ${name}`);
}
