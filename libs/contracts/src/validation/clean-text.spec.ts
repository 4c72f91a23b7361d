import 'reflect-metadata';
import { validateSync } from 'class-validator';
import {
  checkAs,
  IsCalendarDate,
  IsCleanText,
  IsDateTime,
  IsHouseholdId,
  IsJsonData,
  IsKind,
  IsLedgerNo,
  IsMonth,
  IsPattern,
  IsPersonRef,
  IsRegisterCode,
  IsRequestId,
  IsTerm,
  IsText,
  IsTextList,
  IsTownshipCode,
  IsVillageCode,
} from '.';
import { compareRosterChild, DEFAULT_EDUCATION_RULES, type RiskFinding } from '@sanbao/domain';
import { buildSignal, readSignal, RiskSignalDto } from '../signal';

const goodSignal = () =>
  buildSignal(
    compareRosterChild(
      { term: '2026-autumn', termStart: '2026-09-01' },
      {
        householdId: 'H0001',
        villageCode: '522633101201',
        townshipCode: '522633101',
        personRef: 'P-0001',
        householdCategory: 'unstable',
        birthDate: '2016-03-10',
        enrolledLastTerm: true,
        attendance: 'absent',
      },
      DEFAULT_EDUCATION_RULES,
    ).raised as RiskFinding,
    { system: 'education', recordType: 'roster', recordId: '2026-autumn:P-0001' },
    '2026-09-01T00:00:00+08:00',
    '2026-09-02T08:00:00.000Z',
  );

/** Texts a careless or hostile system sends: each must be refused by every text decorator. */
const HOSTILE: Record<string, string> = {
  nul: 'ab\u0000c',
  'lone high surrogate': 'ab\ud800c',
  'lone low surrogate': 'ab\udc00',
  'escape (ANSI colour)': '\u001b[31mred',
  bell: 'a\u0007',
  'C1 control': 'a\u0085b',
  delete: 'a\u007f',
  noncharacter: 'a\uffff',
  'bare carriage return': 'a\rb',
  'line feed': 'a\nb',
  tab: 'a\tb',
};

class Everything {
  @IsText({ max: 50 }) text: string;
  @IsText({ max: 50, optional: true, multiline: true }) lines?: string;
  @IsTextList({ max: 50, maxItems: 3 }) list: string[];
  @IsRegisterCode() code: string;
  @IsHouseholdId() householdId: string;
  @IsPersonRef() personRef: string;
  @IsVillageCode() villageCode: string;
  @IsTownshipCode() townshipCode: string;
  @IsRequestId() requestId: string;
  @IsLedgerNo() ledgerNo: string;
  @IsKind() kind: string;
  @IsTerm() term: string;
  @IsPattern(/.+/, '$property must be something') anything: string;
  @IsCalendarDate() day: string;
  @IsDateTime() at: string;
  @IsMonth() month: string;
}

const GOOD: Everything = {
  text: '王芳',
  list: ['one measure'],
  code: 'W-1',
  householdId: 'HH-1',
  personRef: 'P-1',
  villageCode: '511921101201',
  townshipCode: '511921101',
  requestId: 'req-00000001',
  ledgerNo: '2026-EDU-000123',
  kind: 'not_returned',
  term: '2026-autumn',
  anything: 'x',
  day: '2026-02-28',
  at: '2026-02-28T08:00:00+08:00',
  month: '2026-02',
};

const badFields = (plain: object) => {
  const checked = checkAs(Everything, plain);
  return checked.ok ? [] : checked.errors.map((e) => e.field);
};

describe('the clean-text rule in every text decorator of the vocabulary', () => {
  it('passes a good record', () => {
    expect(badFields(GOOD)).toEqual([]);
  });

  for (const field of Object.keys(GOOD) as Array<keyof Everything>) {
    for (const [what, hostile] of Object.entries(HOSTILE)) {
      it(`${field} refuses ${what}`, () => {
        const value = field === 'list' ? ['ok', hostile] : `${String(GOOD[field])}${hostile}`;
        expect(badFields({ ...GOOD, [field]: value })).toEqual([field]);
      });
    }
  }

  it('lets line breaks and tabs through only where a text may hold lines', () => {
    expect(badFields({ ...GOOD, lines: 'first\r\n\tsecond\nthird' })).toEqual([]);
    expect(badFields({ ...GOOD, lines: 'a\u0000b' })).toEqual(['lines']);
    expect(badFields({ ...GOOD, lines: 'a\rb' })).toEqual(['lines']);
    expect(badFields({ ...GOOD, text: 'first\nsecond' })).toEqual(['text']);
  });

  it('names the rule and the field, never the value', () => {
    const checked = checkAs(Everything, { ...GOOD, text: 'secret\u0000', list: ['a\u0007'] });
    expect(!checked.ok && checked.errors).toEqual([
      { field: 'text', messages: ['text must not contain NUL characters'] },
      { field: 'list', messages: ['each item of list must not contain control characters'] },
    ]);
    expect(JSON.stringify(checked)).not.toContain('secret');
  });

  it('refuses impossible calendar dates and times instead of rolling them over', () => {
    for (const day of ['2026-02-30', '2026-02-29', '2025-13-01', '2026-04-31']) {
      expect(badFields({ ...GOOD, day })).toEqual(['day']);
    }
    expect(badFields({ ...GOOD, day: '2028-02-29' })).toEqual([]);
    for (const at of [
      '2026-02-30T00:00:00+08:00',
      '2026-02-28T24:00:00+08:00',
      '2026-02-28T08:60:00Z',
      '2026-02-28T08:00:00+25:00',
    ]) {
      expect(badFields({ ...GOOD, at })).toEqual(['at']);
    }
  });

  it('refuses null for a field that may only be left out', () => {
    expect(badFields({ ...GOOD, lines: null })).toEqual(['lines']);
    expect(badFields({ ...GOOD, lines: undefined })).toEqual([]);
  });

  it('keeps non-strings to the type check: one message per mistake', () => {
    const checked = checkAs(Everything, { ...GOOD, text: 42 });
    expect(!checked.ok && checked.errors[0].messages).not.toContain(expect.stringContaining('NUL'));
  });
});

describe('checkAs and prototype keys', () => {
  it('refuses __proto__, constructor and prototype anywhere, before class-transformer sees them', () => {
    for (const text of [
      '{"__proto__":{"polluted":true},"text":"x"}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"list":[{"prototype":1}]}',
    ]) {
      const checked = checkAs(Everything, JSON.parse(text));
      expect(checked.ok).toBe(false);
      expect(!checked.ok && checked.errors[0].messages).toEqual([
        '__proto__, constructor, prototype are not field names',
      ]);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('IsCleanText on its own', () => {
  class Note {
    @IsCleanText() title: unknown;
    @IsCleanText({ multiline: true }) body: unknown;
  }
  const problems = (title: unknown, body: unknown) =>
    validateSync(Object.assign(new Note(), { title, body })).flatMap((e) =>
      Object.values(e.constraints ?? {}),
    );

  it('names the problem of each value', () => {
    expect(problems('王\u0000芳', 'ok')).toEqual(['title must not contain NUL characters']);
    expect(problems('one\ntwo', 'a\u0007b')).toEqual([
      'title must be a single line (no line breaks or tabs)',
      'body must not contain control characters',
    ]);
    expect(problems(42, null)).toEqual([]);
  });
});

describe('IsJsonData', () => {
  class Evidence {
    @IsJsonData({ maxDepth: 4, maxKeys: 3, maxItems: 3 }) data: Record<string, unknown>;
  }
  const messages = (data: unknown) => {
    const checked = checkAs(Evidence, { data });
    return checked.ok ? [] : checked.errors.flatMap((e) => e.messages);
  };
  let deep: Record<string, unknown> = {};
  for (let i = 0; i < 5_000; i += 1) deep = { d: deep };

  it('takes plain facts', () => {
    expect(
      messages({ amount: 1200.5, grades: ['A', 'B'], nested: { ok: true, none: null } }),
    ).toEqual([]);
  });

  it('refuses deep, wide, unclean or non-object data without overflowing the stack', () => {
    expect(messages({ a: { b: { c: { d: {} } } } })).toEqual([
      'data must not be nested more than 4 levels deep',
    ]);
    // the whole record is measured before anything recurses into it
    expect(messages(deep)).toEqual(['must not be nested more than 32 levels deep']);
    expect(messages({ a: 1, b: 2, c: 3, d: 4 })).toEqual([
      'data must not hold more than 3 keys in one object',
    ]);
    expect(messages({ note: 'a\u0000b' })).toEqual(['data texts must not contain NUL characters']);
    expect(messages({ ['k\ud800']: 1 })).toEqual([
      'data keys must be valid Unicode text (no lone surrogates)',
    ]);
    expect(messages([1])).toEqual(['data must be a JSON object']);
    expect(messages(null)).toEqual(['data must be a JSON object']);
  });
});

describe('the signal contract', () => {
  const encode = (signal: object) => JSON.stringify(signal);

  it('refuses an impossible observedAt, which used to open an issue', () => {
    const checked = readSignal(
      encode({ ...goodSignal(), observedAt: '2026-02-30T00:00:00+08:00' }),
    );
    expect(checked).toMatchObject({
      ok: false,
      reason: 'invalid_signal',
      errors: [{ field: 'observedAt', messages: ['observedAt is not a real time'] }],
    });
  });

  it('refuses NUL in the summary and deep evidence data with a reason, never a crash', () => {
    expect(readSignal(encode({ ...goodSignal(), summary: 'a\u0000b' }))).toMatchObject({
      ok: false,
      reason: 'invalid_signal',
      errors: [{ field: 'summary' }],
    });
    // 5,000 levels, written as text: building it with JSON.stringify would itself overflow
    const deep = `${'{"d":'.repeat(5_000)}{}${'}'.repeat(5_000)}`;
    const text = encode(goodSignal()).replace('"data":{', `"data":{"deep":${deep},`);
    expect(readSignal(text)).toMatchObject({ ok: false, reason: 'invalid_signal' });
  });

  it('still takes a good signal', () => {
    expect(readSignal(encode(goodSignal())).ok).toBe(true);
    expect(checkAs(RiskSignalDto, goodSignal()).ok).toBe(true);
  });
});
