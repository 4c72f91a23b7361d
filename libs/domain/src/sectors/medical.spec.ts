import {
  chronicFinding,
  DEFAULT_MEDICAL_RULES,
  DischargeSettlement,
  MedicalRules,
  outOfPocket,
  premiumFinding,
  settlementFinding,
} from './medical';

const rules: MedicalRules = { ...DEFAULT_MEDICAL_RULES };

/** A settlement whose out-of-pocket rest is exactly `rest` yuan. */
function settlement(rest: number, income?: number): DischargeSettlement {
  return {
    settlementId: 'S1',
    householdId: 'H0001',
    villageCode: '522633101201',
    townshipCode: '522633101',
    personRef: 'P-0001',
    householdCategory: 'lifted',
    dischargeDate: '2026-05-02',
    totalCost: 100_000 + rest,
    basicInsurancePaid: 60_000,
    seriousIllnessInsurancePaid: 30_000,
    medicalAssistancePaid: 10_000,
    ...(income !== undefined ? { householdAnnualIncome: income } : {}),
  };
}

describe('out-of-pocket after discharge', () => {
  it('is the total less every payer, to the fen', () => {
    expect(outOfPocket({ ...settlement(0), totalCost: 100_000.3, otherPaid: 0.1 })).toBe(0.2);
    expect(outOfPocket({ ...settlement(0), totalCost: 90_000 })).toBe(0);
  });

  it('raises at the amount threshold and not one fen below it', () => {
    expect(settlementFinding(settlement(10_000), rules)).toMatchObject({
      kind: 'high_out_of_pocket',
      severityHint: 'general',
      facts: { outOfPocket: 10_000, rule: 'amount' },
    });
    expect(settlementFinding(settlement(9_999.99), rules)).toBeNull();
  });

  it('raises at the income share and not one fen below it', () => {
    // 50% of 8,000 yuan is 4,000.
    expect(settlementFinding(settlement(4_000, 8_000), rules)).toMatchObject({
      facts: { rule: 'income_share', incomeShare: 0.5, householdAnnualIncome: 8_000 },
    });
    expect(settlementFinding(settlement(3_999.99, 8_000), rules)).toBeNull();
  });

  it('applies only the amount rule when the income is unknown or zero', () => {
    expect(settlementFinding(settlement(9_000, 0), rules)).toBeNull();
    expect(settlementFinding(settlement(9_000), rules)).toBeNull();
  });

  it('is major at the major amount or at a whole year of income', () => {
    expect(settlementFinding(settlement(50_000), rules)?.severityHint).toBe('major');
    expect(settlementFinding(settlement(49_999.99), rules)?.severityHint).toBe('general');
    expect(settlementFinding(settlement(12_000, 12_000), rules)?.severityHint).toBe('major');
    expect(settlementFinding(settlement(11_999.99, 12_000), rules)?.severityHint).toBe('general');
  });

  it('follows the county thresholds from configuration', () => {
    const county = { ...rules, outOfPocketAmount: 5_000, outOfPocketIncomeShare: 0.3 };
    expect(settlementFinding(settlement(5_000), county)).not.toBeNull();
    expect(settlementFinding(settlement(3_000, 10_000), county)).not.toBeNull();
    expect(settlementFinding(settlement(2_999.99, 10_000), county)).toBeNull();
  });

  it('watches only the configured household categories', () => {
    expect(
      settlementFinding({ ...settlement(20_000), householdCategory: 'other' }, rules),
    ).toBeNull();
  });
});

describe('chronic patients and premiums', () => {
  const base = {
    reportId: 'R1',
    householdId: 'H0001',
    villageCode: '522633101201',
    townshipCode: '522633101',
    personRef: 'P-0001',
    householdCategory: 'marginal' as const,
  };

  it('raises chronic_uncovered without outpatient coverage only', () => {
    const report = { ...base, conditionCode: 'I10', diagnosedOn: '2025-11-02' };
    expect(chronicFinding({ ...report, outpatientCoverage: false }, rules)).toMatchObject({
      kind: 'chronic_uncovered',
      facts: { conditionCode: 'I10' },
    });
    expect(chronicFinding({ ...report, outpatientCoverage: true }, rules)).toBeNull();
  });

  it('raises premium_unpaid for an unpaid year only', () => {
    expect(premiumFinding({ ...base, insuranceYear: 2026, paid: false }, rules)?.kind).toBe(
      'premium_unpaid',
    );
    expect(premiumFinding({ ...base, insuranceYear: 2026, paid: true }, rules)).toBeNull();
  });
});
