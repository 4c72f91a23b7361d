import fc from 'fast-check';
import {
  cleanTextMessage,
  isCleanText,
  isRealDate,
  jsonShapeProblem,
  jsonTextTooDeep,
  realDateMessage,
  textProblem,
} from './clean-text';

/** Any UTF-16 code units at all, lone surrogates and controls included. */
const anyUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 64 })
  .map((units) => String.fromCharCode(...units));

/** Characters a person can see: ASCII, the rest of the BMP but its specials, and astral ones. */
const printableChar = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0xa0, max: 0xd7ff }),
  fc.integer({ min: 0xe000, max: 0xfffd }),
  fc.integer({ min: 0x10000, max: 0x10ffff }),
);
const printable = fc
  .array(printableChar, { maxLength: 64 })
  .map((points) => String.fromCodePoint(...points));

describe('the clean-text rule', () => {
  it('never throws, whatever the string', () => {
    fc.assert(
      fc.property(anyUnits, fc.boolean(), (text, multiline) => {
        textProblem(text, { multiline });
        cleanTextMessage(text, { multiline });
        isRealDate(text, 'date');
        isRealDate(text, 'date-time');
      }),
    );
  });

  it('refuses every string that holds a NUL, on one line or many', () => {
    fc.assert(
      fc.property(anyUnits, anyUnits, fc.boolean(), (before, after, multiline) => {
        expect(isCleanText(`${before}\u0000${after}`, { multiline })).toBe(false);
      }),
    );
  });

  it('accepts every string of printable characters', () => {
    fc.assert(
      fc.property(printable, (text) => {
        expect(textProblem(text)).toBeUndefined();
      }),
    );
  });

  it('names the problem without echoing the text', () => {
    expect(cleanTextMessage('王芳\u0000')).toBe('must not contain NUL characters');
    expect(cleanTextMessage('a\u0007b')).toBe('must not contain control characters');
    expect(cleanTextMessage('a\u0085b')).toBe('must not contain control characters');
    expect(cleanTextMessage('a\u007fb')).toBe('must not contain control characters');
    expect(cleanTextMessage('a\ud800b')).toBe('must be valid Unicode text (no lone surrogates)');
    expect(cleanTextMessage('a\udc00')).toBe('must be valid Unicode text (no lone surrogates)');
    expect(cleanTextMessage('a\uffff')).toBe('must not contain the noncharacters U+FFFE or U+FFFF');
    expect(cleanTextMessage(null)).toBe('must be text');
    expect(cleanTextMessage('王芳 😀')).toBeUndefined();
  });

  it('allows line breaks and tabs only where the caller says a text may hold them', () => {
    expect(cleanTextMessage('one\ntwo')).toBe('must be a single line (no line breaks or tabs)');
    expect(cleanTextMessage('one\ttwo')).toBe('must be a single line (no line breaks or tabs)');
    expect(textProblem('one\r\ntwo\tthree\n', { multiline: true })).toBeUndefined();
    expect(textProblem('one\rtwo', { multiline: true })).toBe('control');
    expect(textProblem('one\u000btwo', { multiline: true })).toBe('control');
  });
});

describe('real calendar dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-04-31', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2026-2-1', false],
    ['2026-02-28T00:00:00Z', false],
  ])('date %s → %s', (value, real) => {
    expect(isRealDate(value, 'date')).toBe(real);
  });

  it.each([
    ['2026-02-28T08:00:00+08:00', true],
    ['2026-02-28T08:00:00.123Z', true],
    ['2026-02-28T08:00Z', true],
    ['2026-02-28T23:59:59-12:00', true],
    ['2026-02-30T00:00:00+08:00', false],
    ['2026-02-28T24:00:00Z', false],
    ['2026-02-28T08:60:00Z', false],
    ['2026-02-28T08:00:60Z', false],
    ['2026-02-28T08:00:00+25:00', false],
    ['2026-02-28T08:00:00+14:30', false],
    ['2026-02-28T08:00:00+08:61', false],
    ['2026-02-28T08:00:00', false],
    ['2026-02-28', false],
  ])('date-time %s → %s', (value, real) => {
    expect(isRealDate(value, 'date-time')).toBe(real);
  });

  it('says what a real date looks like', () => {
    expect(realDateMessage('2026-02-30', 'date')).toBe('must be a real calendar date, YYYY-MM-DD');
    expect(realDateMessage('2026-02-28', 'date')).toBeUndefined();
    expect(realDateMessage(42, 'date-time')).toMatch(/offset/);
  });
});

describe('the shape of JSON values', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
    return value;
  };

  it('measures depth without recursion, even 100,000 levels down', () => {
    expect(jsonShapeProblem(nested(32), { maxDepth: 32 })).toBeUndefined();
    expect(jsonShapeProblem(nested(33), { maxDepth: 32 })).toBe(
      'must not be nested more than 32 levels deep',
    );
    expect(jsonShapeProblem(nested(100_000), { maxDepth: 32 })).toMatch(/nested/);
    expect(jsonShapeProblem('text', { maxDepth: 0 })).toBeUndefined();
    expect(jsonShapeProblem(null, { maxDepth: 0 })).toBeUndefined();
  });

  it('limits keys and items', () => {
    expect(jsonShapeProblem({ a: 1, b: 2, c: 3 }, { maxDepth: 4, maxKeys: 2 })).toBe(
      'must not hold more than 2 keys in one object',
    );
    expect(jsonShapeProblem({ list: [1, 2, 3] }, { maxDepth: 4, maxItems: 2 })).toBe(
      'must not hold more than 2 items in one list',
    );
    expect(jsonShapeProblem({ list: [1, 2] }, { maxDepth: 4, maxKeys: 2, maxItems: 2 })).toBe(
      undefined,
    );
  });

  it('stops on a cycle a hand-built value might hold', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(jsonShapeProblem(loop, { maxDepth: 64 })).toBeUndefined();
  });

  it('reads the depth of raw text without parsing it, strings and escapes aside', () => {
    expect(jsonTextTooDeep('[[[1]]]', 3)).toBe(false);
    expect(jsonTextTooDeep('[[[[1]]]]', 3)).toBe(true);
    expect(jsonTextTooDeep('{"a":"[[[[[[","b":"\\"[[[["}', 1)).toBe(false);
    expect(jsonTextTooDeep('['.repeat(5000) + ']'.repeat(5000), 32)).toBe(true);
  });

  it('agrees with the parsed depth for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(jsonTextTooDeep(text, max)).toBe(
          jsonShapeProblem(value, { maxDepth: max }) !== undefined,
        );
      }),
    );
  });
});
