import { INestApplication } from '@nestjs/common';
import type { Sector } from '@sanbao/domain';
// ajv comes with the Nest CLI's tooling: a JSON Schema validator of the kind bureaus use.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import request from 'supertest';
import { EducationAppModule } from '../../apps/education/src/app.module';
import { HousingAppModule } from '../../apps/housing/src/app.module';
import { MedicalAppModule } from '../../apps/medical/src/app.module';
import { WaterAppModule } from '../../apps/water/src/app.module';
import { mutatedBody, RawJson, systematicBodies, toJsonText } from '../support/fuzz';
import { boot, isolatedConfig, machineKey } from './sector-support';

/**
 * Property-based fuzz of the sector services' HTTP ingest: each kind's documented example
 * batch (docs/integration.md, valid against docs/schemas) with one field, the envelope or the
 * whole body replaced by hostile values. A bad batch is a 4xx in the published error shape
 * (ingest-error.schema.json), never a 5xx: a 503 tells a bureau to send the same batch again.
 * Each service still ingests the good batch and answers /health 200 afterwards.
 */
const CASES_PER_KIND = 15;
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const repo = resolve(__dirname, '../..');

function documentedBatches(): Array<{ sector: Sector; kind: string; batch: object }> {
  const text = readFileSync(join(repo, 'docs/integration.md'), 'utf8');
  return [...text.matchAll(/^### (\w+)\.(\w+)[^\n]*\n[\s\S]*?```json\n([\s\S]*?)```/gm)].map(
    (m) => ({ sector: m[1] as Sector, kind: m[2], batch: JSON.parse(m[3]) as object }),
  );
}

const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats(ajv);
const errorShape = ajv.compile(
  JSON.parse(readFileSync(join(repo, 'docs/schemas/ingest-error.schema.json'), 'utf8')) as object,
);
const batchSchema = (sector: string, kind: string) =>
  ajv.compile(
    JSON.parse(
      readFileSync(join(repo, `docs/schemas/ingest/${sector}.${kind}.schema.json`), 'utf8'),
    ) as object,
  );

describe('fuzzing the sector services’ HTTP ingest from the published schemas', () => {
  const apps = {} as Record<Sector, INestApplication>;
  const keys = {} as Record<Sector, string>;
  const modules = {
    education: EducationAppModule,
    medical: MedicalAppModule,
    housing: HousingAppModule,
    water: WaterAppModule,
  };

  beforeAll(async () => {
    const config = isolatedConfig('fuzzin');
    for (const [sector, module] of Object.entries(modules) as Array<
      [Sector, typeof WaterAppModule]
    >) {
      apps[sector] = await boot((c) => module.forRoot(c), config, { ingest: true });
      keys[sector] = await machineKey(apps[sector], sector);
    }
  });

  afterAll(async () => {
    for (const app of Object.values(apps)) await app?.close();
  });

  it('takes the documented batches as the schemas do', () => {
    const batches = documentedBatches();
    expect(batches.length).toBeGreaterThanOrEqual(9);
    for (const { sector, kind, batch } of batches) {
      expect([`${sector}.${kind}`, batchSchema(sector, kind)(batch)]).toEqual([
        `${sector}.${kind}`,
        true,
      ]);
    }
  });

  it('answers every hostile batch with a 4xx in the published error shape, never a 5xx', async () => {
    const failures: string[] = [];
    let refused = 0;
    for (const { sector, kind, batch } of documentedBatches()) {
      const send = (body: string) =>
        request(apps[sector].getHttpServer())
          .post(`/ingest/${kind}`)
          .set('x-api-key', keys[sector])
          .set('Content-Type', 'application/json')
          .send(body);
      const check = async (body: string) => {
        const response = await send(body);
        if (response.status >= 400 && response.status < 500) refused += 1;
        const where = `${sector}.${kind}`;
        if (response.status >= 500) {
          failures.push(`${where} -> ${response.status} ${response.text.slice(0, 300)}`);
        } else if (response.status >= 400 && !errorShape(response.body)) {
          failures.push(
            `${where} -> ${response.status} not in the error shape: ${response.text.slice(0, 200)}`,
          );
        }
      };
      // The known poisons each time (the batch, and its first record field by field) ...
      const first = (batch as { records: unknown[] }).records[0];
      const records = systematicBodies(first).map((record) =>
        toJsonText({ ...batch, records: [new RawJson(record)] }),
      );
      for (const body of [...systematicBodies(batch), ...records]) await check(body);
      // ... then random ones.
      await fc.assert(
        fc.asyncProperty(mutatedBody(batch), async (body) => {
          await check(body);
          return true;
        }),
        { numRuns: CASES_PER_KIND, seed: SEED, endOnFailure: true },
      );
      // The service is still there for a good batch.
      const good = await send(JSON.stringify(batch));
      if (good.status !== 200) failures.push(`${sector}.${kind} good batch -> ${good.status}`);
    }
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan((documentedBatches().length * CASES_PER_KIND) / 2);
    for (const app of Object.values(apps)) {
      await request(app.getHttpServer()).get('/health').expect(200);
    }
  });
});
