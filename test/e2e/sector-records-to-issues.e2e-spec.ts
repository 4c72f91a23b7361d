import { DynamicModule, INestApplication } from '@nestjs/common';
import { AppConfig } from '@sanbao/config';
import { issueKey, IssueState, Sector } from '@sanbao/domain';
import { issueStateQuery } from '@sanbao/workflows';
import request from 'supertest';
import { EducationAppModule } from '../../apps/education/src/app.module';
import { HousingAppModule } from '../../apps/housing/src/app.module';
import { IntakeAppModule } from '../../apps/intake/src/app.module';
import { MedicalAppModule } from '../../apps/medical/src/app.module';
import { WaterAppModule } from '../../apps/water/src/app.module';
import { WorkerAppModule } from '../../apps/worker/src/app.module';
import { boot, isolatedConfig, machineKey, Observer, until } from './sector-support';

const config = isolatedConfig('sectors');
const VILLAGE = '522633102305';
const TOWNSHIP = '522633102';
const household = { villageCode: VILLAGE, townshipCode: TOWNSHIP };

const MODULES: Record<Sector, (c: AppConfig) => DynamicModule> = {
  education: (c) => EducationAppModule.forRoot(c),
  medical: (c) => MedicalAppModule.forRoot(c),
  housing: (c) => HousingAppModule.forRoot(c),
  water: (c) => WaterAppModule.forRoot(c),
};

describe('each sector: a bureau record to an open issue', () => {
  let worker: INestApplication;
  let intake: INestApplication;
  const apps = {} as Record<Sector, INestApplication>;
  const keys = {} as Record<Sector, string>;
  let observer: Observer;

  beforeAll(async () => {
    observer = await Observer.open(config);
    worker = await boot((c) => WorkerAppModule.forRoot(c), config);
    intake = await boot((c) => IntakeAppModule.forRoot(c), config);
    for (const sector of Object.keys(MODULES) as Sector[]) {
      apps[sector] = await boot(MODULES[sector], config, { ingest: true });
      keys[sector] = await machineKey(apps[sector], sector);
    }
  });

  afterAll(async () => {
    for (const app of Object.values(apps)) await app.close();
    await intake?.close();
    await worker?.close();
    await observer?.close();
  });

  async function send(sector: Sector, kind: string, body: object) {
    const response = await request(apps[sector].getHttpServer())
      .post(`/ingest/${kind}`)
      .set('x-api-key', keys[sector])
      .send(body)
      .expect(200);
    return response.body as { accepted: number; signalsRaised: number };
  }

  /** The open issue's state once the workflow has it, and its ledger row. */
  async function openIssue(key: string): Promise<IssueState> {
    const state = await until(`issue ${key}`, async () => {
      const ids = await observer.issueIds();
      if (!ids.includes(observer.idOf(key))) return undefined;
      return observer.temporal.workflow.getHandle(observer.idOf(key)).query(issueStateQuery);
    });
    const rows = await until(`ledger row ${key}`, async () => {
      const found = await observer.ledgerRows([key]);
      return found.length === 1 ? found : undefined;
    });
    expect(rows[0].stage).toBe('verification');
    return state;
  }

  it('education: a disabled child without a placement', async () => {
    expect(
      await send('education', 'disability', {
        records: [
          {
            reportId: 'DIS-1',
            householdId: 'H-ED-1',
            personRef: 'C-ED-1',
            ...household,
            householdCategory: 'marginal',
            birthDate: '2017-04-02',
            assessedOn: '2026-03-01',
            placement: 'none',
          },
        ],
      }),
    ).toMatchObject({ accepted: 1, signalsRaised: 1 });
    const state = await openIssue(
      issueKey({
        sector: 'education',
        subject: { id: 'H-ED-1', personRef: 'C-ED-1' },
        kind: 'disabled_without_placement',
      }),
    );
    expect(state).toMatchObject({
      sector: 'education',
      kind: 'disabled_without_placement',
      stage: 'verification',
      channel: 'sector_signal',
      subject: { kind: 'household', id: 'H-ED-1', personRef: 'C-ED-1', villageCode: VILLAGE },
    });
  });

  it('medical: out-of-pocket past the share of household income after discharge', async () => {
    const settlement = {
      settlementId: 'ZY-2026-0001',
      householdId: 'H-MED-1',
      personRef: 'P-MED-1',
      ...household,
      householdCategory: 'lifted',
      dischargeDate: '2026-05-02',
      totalCost: 48000,
      basicInsurancePaid: 30000,
      seriousIllnessInsurancePaid: 8000,
      medicalAssistancePaid: 4000,
      householdAnnualIncome: 9000,
    };
    const below = {
      ...settlement,
      settlementId: 'ZY-2026-0002',
      personRef: 'P-MED-2',
      totalCost: 42000,
    };
    expect(await send('medical', 'settlement', { records: [settlement, below] })).toMatchObject({
      accepted: 2,
      signalsRaised: 1,
    });
    const state = await openIssue(
      issueKey({
        sector: 'medical',
        subject: { id: 'H-MED-1', personRef: 'P-MED-1' },
        kind: 'high_out_of_pocket',
      }),
    );
    expect(state.kind).toBe('high_out_of_pocket');
    expect(state.evidence[0].data).toMatchObject({ outOfPocket: 6000, rule: 'income_share' });
  });

  it('housing: a collapsed home is major and flagged for transitional housing', async () => {
    expect(
      await send('housing', 'damage', {
        records: [
          {
            reportId: 'DMG-1',
            householdId: 'H-HOU-1',
            ...household,
            disaster: 'flood',
            damage: 'collapsed',
            habitable: false,
            inhabited: true,
            occurredOn: '2026-07-14',
          },
        ],
      }),
    ).toMatchObject({ accepted: 1, signalsRaised: 1 });
    const state = await openIssue(
      issueKey({ sector: 'housing', subject: { id: 'H-HOU-1' }, kind: 'uninhabitable_house' }),
    );
    expect(state.flags).toEqual({ transitionalHousing: true });
  });

  it('water: one issue per affected village; the whole village cut off is an emergency', async () => {
    const other = '522633102306';
    expect(
      await send('water', 'status', {
        records: [
          {
            reportId: 'WS-2026-01',
            worksId: 'WORKS-17',
            problem: 'frozen',
            cause: 'freeze',
            startedAt: '2026-01-10T06:00:00+08:00',
            villages: [
              {
                villageCode: VILLAGE,
                townshipCode: TOWNSHIP,
                peopleServed: 320,
                peopleAffected: 320,
              },
              { villageCode: other, townshipCode: TOWNSHIP, peopleServed: 200, peopleAffected: 40 },
            ],
          },
        ],
      }),
    ).toMatchObject({ accepted: 1, signalsRaised: 2 });
    const whole = await openIssue(
      issueKey({ sector: 'water', subject: { id: VILLAGE }, kind: 'frozen' }),
    );
    expect(whole).toMatchObject({
      subject: { kind: 'village', id: VILLAGE },
      flags: { emergency: true },
    });
    const part = await openIssue(
      issueKey({ sector: 'water', subject: { id: other }, kind: 'frozen' }),
    );
    expect(part.flags).toEqual({});
  });
});
