import { DischargeSettlementDto, RosterChildDto, WorksStatusReportDto } from '../ingest';
import { checkAs } from '.';

const child = {
  householdId: 'H0001',
  villageCode: '522633101201',
  townshipCode: '522633101',
  personRef: 'P-0001',
  householdCategory: 'unstable',
  birthDate: '2016-03-10',
  enrolledLastTerm: true,
  attendance: 'absent',
};

describe('checking records against the contracts', () => {
  it('accepts a good record and drops the fields the contract does not know (names)', () => {
    const checked = checkAs(RosterChildDto, { ...child, name: '张三', note: 'x' });
    expect(checked.ok).toBe(true);
    expect(checked.ok && Object.keys(checked.value)).not.toContain('name');
  });

  it('names every bad field with its rule', () => {
    const checked = checkAs(RosterChildDto, {
      ...child,
      townshipCode: '522633102',
      birthDate: '2016-02-30',
      attendance: 'gone',
      enrolledLastTerm: 'yes',
      householdId: '13812345678',
    });
    expect(checked.ok).toBe(false);
    const byField = Object.fromEntries(
      (checked.ok ? [] : checked.errors).map((e) => [e.field, e.messages]),
    );
    expect(byField).toEqual({
      householdId: [
        'householdId must be a register code or an opaque reference, not an ID-card or phone number',
      ],
      townshipCode: ['townshipCode must be the township of villageCode (its first nine digits)'],
      birthDate: ['birthDate is not a real date'],
      enrolledLastTerm: ['enrolledLastTerm must be true or false'],
      attendance: [
        'attendance must be one of: enrolled, returned, placed, deferred, transferred, absent, dropped_out',
      ],
    });
  });

  it('refuses payments that add up to more than the total cost', () => {
    const checked = checkAs(DischargeSettlementDto, {
      ...child,
      settlementId: 'S1',
      dischargeDate: '2026-05-02',
      totalCost: 1000,
      basicInsurancePaid: 600,
      seriousIllnessInsurancePaid: 300,
      medicalAssistancePaid: 100,
      otherPaid: 0.01,
    });
    expect(!checked.ok && checked.errors).toEqual([
      {
        field: 'totalCost',
        messages: [
          'totalCost must not be less than basicInsurancePaid + seriousIllnessInsurancePaid + medicalAssistancePaid + otherPaid',
        ],
      },
    ]);
  });

  it('gives nested fields their path', () => {
    const checked = checkAs(WorksStatusReportDto, {
      reportId: 'W1',
      worksId: 'WS-1',
      problem: 'outage',
      startedAt: '2026-01-10T06:00:00+08:00',
      villages: [
        {
          villageCode: '522633101201',
          townshipCode: '522633101',
          peopleServed: 10,
          peopleAffected: 10,
        },
        {
          villageCode: '522633101202',
          townshipCode: '522633101',
          peopleServed: 10,
          peopleAffected: 11,
        },
      ],
    });
    expect(!checked.ok && checked.errors).toEqual([
      {
        field: 'villages[1].peopleAffected',
        messages: ['peopleAffected must not be more than peopleServed'],
      },
    ]);
  });

  it('refuses what is not an object', () => {
    expect(checkAs(RosterChildDto, [child])).toEqual({
      ok: false,
      errors: [{ field: '', messages: ['must be a JSON object'] }],
    });
  });
});
