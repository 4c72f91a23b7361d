import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ConfigError, loadConfig } from './app-config';

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sector-rules-')), 'rules.json');
  writeFileSync(path, content);
  return path;
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('SECTOR_RULES_FILE and the ingest/intake settings', () => {
  it('uses the documented defaults without a file', () => {
    const config = loadConfig({});
    expect(config.sectorRules.education).toMatchObject({ minAge: 6, maxAge: 15 });
    expect(config.sectorRules.medical.outOfPocketAmount).toBe(10000);
    expect(config.ingest).toEqual({ maxRecords: 20000, bodyLimitMb: 32 });
    expect(config.intake).toEqual({
      consumer: 'intake',
      maxDeliveries: 5,
      batchSize: 64,
      ackWaitSeconds: 60,
    });
  });

  it('lays the county file over the defaults', () => {
    const config = loadConfig({
      SECTOR_RULES_FILE: file(
        '{"medical":{"outOfPocketAmount":8000},"housing":{"majorGrades":[]}}',
      ),
      INTAKE_MAX_DELIVERIES: '3',
    });
    expect(config.sectorRules.medical.outOfPocketAmount).toBe(8000);
    expect(config.sectorRules.medical.outOfPocketIncomeShare).toBe(0.5);
    expect(config.sectorRules.housing.majorGrades).toEqual([]);
    expect(config.intake.maxDeliveries).toBe(3);
  });

  it('names every bad threshold under the variable', () => {
    expect(
      problemsOf({
        SECTOR_RULES_FILE: file('{"water":{"wholeVillageShare":2},"roads":{}}'),
        INTAKE_BATCH_SIZE: '0',
      }),
    ).toEqual([
      expect.stringMatching(/^INTAKE_BATCH_SIZE: /),
      'SECTOR_RULES_FILE: roads: unknown sector',
      'SECTOR_RULES_FILE: water.wholeVillageShare: must be a number above 0 up to 1',
    ]);
    expect(problemsOf({ SECTOR_RULES_FILE: file('{not json') })).toEqual([
      expect.stringMatching(/^SECTOR_RULES_FILE: .* is not valid JSON$/),
    ]);
    expect(problemsOf({ SECTOR_RULES_FILE: '/nonexistent/rules.json' })).toEqual([
      'SECTOR_RULES_FILE: cannot read /nonexistent/rules.json (ENOENT)',
    ]);
  });
});
