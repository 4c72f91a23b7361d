import { getMetadataStorage } from 'class-validator';
import { headingMap } from './headings';
import { INGEST_CONTRACTS, type IngestKindContract } from './kinds';

const flat = Object.values(INGEST_CONTRACTS)
  .flatMap((kinds) => Object.values(kinds as Record<string, IngestKindContract>))
  .filter((contract) => contract.csv);

describe('Chinese headings of the flat ingest kinds', () => {
  it.each(flat.map((c) => [`${c.sector}.${c.kind}`, c] as const))(
    '%s names every field once, both ways',
    (_name, contract) => {
      const fields = new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(contract.record, '', true, false)
          .map((m) => m.propertyName),
      );
      const columns = contract.headings?.columns ?? {};
      expect(new Set(Object.keys(columns))).toEqual(fields);
      const headings = Object.values(columns);
      expect(new Set(headings).size).toBe(headings.length);
      const map = headingMap(contract.headings);
      for (const [field, heading] of Object.entries(columns)) {
        expect(map.fieldOf(heading)).toBe(field);
        expect(map.fieldOf(` ${field} `)).toBe(field);
        expect(map.headingOf(field)).toBe(heading);
      }
      expect(map.fieldOf('姓名')).toBeUndefined();
    },
  );
});
