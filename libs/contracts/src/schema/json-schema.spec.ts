import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { contractSchemas } from './json-schema';

const root = resolve(__dirname, '../../../../docs/schemas');

describe('JSON Schemas in docs/schemas', () => {
  const schemas = contractSchemas();

  it.each(Object.keys(schemas))(
    '%s matches the DTOs (run `npm run schemas` after a change)',
    (name) => {
      const path = join(root, name);
      expect(existsSync(path)).toBe(true);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(schemas[name]);
    },
  );

  it('describes the roster with its nested child records and their rules', () => {
    const roster = schemas['ingest/education.roster.schema.json'] as {
      required: string[];
      properties: {
        records: { items: { required: string[]; properties: Record<string, unknown> } };
      };
    };
    expect(roster.required).toEqual(expect.arrayContaining(['records', 'term', 'termStart']));
    const child = roster.properties.records.items;
    expect(child.required).toEqual(
      expect.arrayContaining(['householdId', 'birthDate', 'attendance']),
    );
    expect(child.required).not.toContain('schoolCode');
    expect(child.properties.birthDate).toMatchObject({ type: 'string', format: 'date' });
    expect(child.properties.villageCode).toMatchObject({ pattern: '^\\d{12}$' });
  });
});
