import 'reflect-metadata';
import {
  checkAs,
  isHouseholdId,
  isLedgerNo,
  IsDateTime,
  IsLedgerNo,
  IsText,
  IsTownshipCode,
  IsVillageCode,
} from '.';

class Act {
  @IsText({ max: 5 })
  findings: string;

  @IsText({ max: 5, optional: true })
  reason?: string;

  @IsDateTime()
  at: string;
}

class WireText {
  @IsText({ max: 5, allowEmpty: true })
  summary: string;
}

class Ledger {
  @IsLedgerNo()
  ledgerNo: string;
}

class Place {
  @IsVillageCode()
  villageCode: string;

  @IsTownshipCode({ optional: true })
  townshipCode?: string;
}

const fieldsOf = (checked: ReturnType<typeof checkAs>) =>
  checked.ok ? [] : checked.errors.map((e) => e.field);

describe('the validation vocabulary', () => {
  const at = '2026-03-01T17:00:00+08:00';

  it("refuses an act's empty free text, required or optional, and text over its limit", () => {
    expect(fieldsOf(checkAs(Act, { findings: '', at }))).toEqual(['findings']);
    expect(fieldsOf(checkAs(Act, { findings: 'ok', reason: '', at }))).toEqual(['reason']);
    expect(fieldsOf(checkAs(Act, { findings: 'too long', at }))).toEqual(['findings']);
    expect(checkAs(Act, { findings: 'ok', at }).ok).toBe(true);
  });

  it('takes "" only where a wire contract says so', () => {
    expect(checkAs(WireText, { summary: '' }).ok).toBe(true);
  });

  it('wants a date-time with its offset', () => {
    expect(fieldsOf(checkAs(Act, { findings: 'ok', at: '2026-03-01T17:00:00' }))).toEqual(['at']);
    expect(fieldsOf(checkAs(Act, { findings: 'ok', at: '2026-03-01' }))).toEqual(['at']);
    expect(checkAs(Act, { findings: 'ok', at: '2026-03-01T09:00:00Z' }).ok).toBe(true);
  });

  it('takes ledger numbers of any serial width from six digits', () => {
    expect(checkAs(Ledger, { ledgerNo: '2026-EDU-000123' }).ok).toBe(true);
    expect(checkAs(Ledger, { ledgerNo: '2026-EDU-1000000' }).ok).toBe(true);
    expect(isLedgerNo('2026-EDU-12345')).toBe(false);
  });

  it('checks a township against its village only when asked', () => {
    expect(checkAs(Place, { villageCode: '511921101201', townshipCode: '511921102' }).ok).toBe(
      true,
    );
  });

  it('keeps personal numbers out of household numbers', () => {
    expect(isHouseholdId('HH-511921101201-0042')).toBe(true);
    expect(isHouseholdId('13812345678')).toBe(false);
    expect(isHouseholdId('11010519491231002X')).toBe(false);
    expect(isHouseholdId('x'.repeat(41))).toBe(false);
  });
});
