import { RosterChildDto } from '@sanbao/contracts';
import { csvRecords, parseCsv } from './csv';

describe('CSV', () => {
  it('reads quoted cells, doubled quotes, CRLF, a BOM and line numbers', () => {
    const text = '\ufeffa,b\r\n1,"x, ""y"""\r\n\r\n"multi\nline",2\n';
    expect(parseCsv(text)).toEqual({
      header: ['a', 'b'],
      rows: [
        { line: 2, cells: ['1', 'x, "y"'] },
        { line: 4, cells: ['multi\nline', '2'] },
      ],
    });
  });

  it('fails on an unclosed quote', () => {
    expect(() => parseCsv('a\n"oops')).toThrow('line 2: a quoted cell is not closed');
  });

  it('turns cells into the contract types and drops unknown columns (names)', () => {
    const text = [
      'householdId,name,personRef,villageCode,townshipCode,householdCategory,birthDate,enrolledLastTerm,attendance',
      'H1,张三,P1,522633101201,522633101,unstable,2016-03-10,是,absent',
      'H2,李四,P2,522633101201,522633101,marginal,2016-03-11,maybe,returned',
    ].join('\n');
    const { records, lines } = csvRecords(text, RosterChildDto);
    expect(lines).toEqual([2, 3]);
    expect(records[0]).toEqual({
      householdId: 'H1',
      personRef: 'P1',
      villageCode: '522633101201',
      townshipCode: '522633101',
      householdCategory: 'unstable',
      birthDate: '2016-03-10',
      enrolledLastTerm: true,
      attendance: 'absent',
    });
    expect(records[1].enrolledLastTerm).toBe('maybe');
  });

  it('refuses a file whose header names no field', () => {
    expect(() => csvRecords('姓名,年龄\n张三,9\n', RosterChildDto)).toThrow(
      /names none of the fields/,
    );
  });
});
