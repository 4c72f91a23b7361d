import { RosterChildDto } from '@sanbao/contracts';
import { Readable } from 'stream';
import { CSV_MAX_ROW_BYTES, CsvEncodingError, csvRecords, parseCsv } from './csv';

const ROSTER_HEADER =
  'householdId,name,personRef,villageCode,townshipCode,householdCategory,birthDate,enrolledLastTerm,attendance';
const child = (n: number) =>
  `H${n},张三,P${n},522633101201,522633101,unstable,2016-03-10,是,absent`;

/** The same bytes cut into chunks of the given size, as an upload arrives. */
function chunked(text: string, size: number, encoding: BufferEncoding = 'utf8'): Readable {
  const bytes = Buffer.from(text, encoding);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

describe('CSV', () => {
  it('reads quoted cells, doubled quotes, CRLF, a BOM and line numbers', async () => {
    const text = '\ufeffa,b\r\n1,"x, ""y"""\r\n\r\n"multi\nline",2\n';
    expect(await parseCsv(text)).toEqual({
      header: ['a', 'b'],
      rows: [
        { line: 2, cells: ['1', 'x, "y"'] },
        { line: 4, cells: ['multi\nline', '2'] },
      ],
    });
  });

  it('counts a CRLF inside a quoted cell as one line, and reads a CR-only file', async () => {
    const text = 'a,b\n\n\n1,"x\r\ny\nz"\r\n\n2,3\n';
    expect((await parseCsv(text)).rows).toEqual([
      { line: 4, cells: ['1', 'x\r\ny\nz'] },
      { line: 8, cells: ['2', '3'] },
    ]);
    expect((await parseCsv('a,b\r1,2\r3,4')).rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it('reads the same rows whatever the chunks the stream arrives in', async () => {
    const text = `\ufeff${ROSTER_HEADER}\r\n${child(1)}\r\n"${'"" 长,'.repeat(50)}",${child(2)}\n`;
    const whole = await parseCsv(text);
    for (const size of [1, 2, 3, 7, 64]) {
      expect(await parseCsv(chunked(text, size))).toEqual(whole);
    }
  });

  it('fails on an unclosed quote, naming the line the cell starts on', async () => {
    await expect(parseCsv('a\n"oops')).rejects.toThrow('line 2: a quoted cell is not closed');
    await expect(parseCsv('a,b\n1,2\n\n3,"x\n\ny')).rejects.toThrow(
      'line 4: a quoted cell is not closed',
    );
  });

  it('takes rows with too few or too many cells; the extra cells are ignored', async () => {
    const { records, lines } = await csvRecords(
      `${ROSTER_HEADER}\n${child(1)},extra,"more, cells"\nH2,李四\n`,
      RosterChildDto,
    );
    expect(lines).toEqual([2, 3]);
    expect(records[0]).toMatchObject({ householdId: 'H1', attendance: 'absent' });
    expect(Object.keys(records[0])).toHaveLength(8);
    expect(records[1]).toEqual({ householdId: 'H2' });
  });

  it('refuses a NUL character (UTF-16 or binary saved as .csv) with its line', async () => {
    await expect(parseCsv(`a,b\n1,2\n3,x\u0000y\n`)).rejects.toThrow(/^line 3: a NUL character/);
    const utf16 = Buffer.from('a,b\n1,2\n', 'utf16le');
    await expect(parseCsv(utf16)).rejects.toThrow(/^line 1: a NUL character/);
  });

  it('refuses a huge row instead of buffering it, even inside a quoted cell', async () => {
    const huge = 'x'.repeat(CSV_MAX_ROW_BYTES + 10);
    await expect(parseCsv(chunked(`a,b\n1,2\n3,${huge}\n`, 4096))).rejects.toThrow(
      'line 3: a row is longer than 64 KiB',
    );
    await expect(parseCsv(chunked(`a,b\n1,"${huge}`, 4096))).rejects.toThrow(
      /^line 2: a row is longer/,
    );
  });

  it('reads GB18030 (Excel on a Chinese Windows) and refuses bytes that are neither', async () => {
    const gbk = Buffer.concat([
      Buffer.from('a,b\n1,'),
      Buffer.from([0xd5, 0xc5]), // 张
      Buffer.from('\n'),
    ]);
    await expect(parseCsv(gbk)).resolves.toMatchObject({ rows: [{ cells: ['1', '张'] }] });
    await expect(parseCsv(chunked(gbk.toString('latin1'), 1, 'latin1'))).resolves.toMatchObject({
      rows: [{ cells: ['1', '张'] }],
    });
    const neither = Buffer.concat([
      Buffer.from('a,b\n1,'),
      Buffer.from([0x80, 0xff]),
      Buffer.from('\n'),
    ]);
    await expect(parseCsv(neither)).rejects.toBeInstanceOf(CsvEncodingError);
    // a valid three-byte character cut in the middle by the chunking is still valid
    await expect(parseCsv(chunked('a,b\n张,三\n', 5))).resolves.toMatchObject({
      rows: [{ line: 2, cells: ['张', '三'] }],
    });
  });

  it('turns cells into the contract types and drops unknown columns (names)', async () => {
    const text = [
      ROSTER_HEADER,
      'H1,张三,P1,522633101201,522633101,unstable,2016-03-10,是,absent',
      'H2,李四,P2,522633101201,522633101,marginal,2016-03-11,maybe,returned',
    ].join('\n');
    const { records, lines, count, overLimit } = await csvRecords(text, RosterChildDto, {
      maxRecords: 2,
    });
    expect(lines).toEqual([2, 3]);
    expect([count, overLimit]).toEqual([2, false]);
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

  it('stops reading at the first row past maxRecords', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => child(i));
    const batch = await csvRecords([ROSTER_HEADER, ...rows].join('\n'), RosterChildDto, {
      maxRecords: 5,
    });
    expect(batch).toMatchObject({ count: 6, overLimit: true });
    expect(batch.records).toHaveLength(5);
    expect(batch.lines).toEqual([2, 3, 4, 5, 6]);
  });

  it('refuses a file whose header names no field, and an empty file', async () => {
    await expect(csvRecords('姓名,年龄\n张三,9\n', RosterChildDto)).rejects.toThrow(
      /names none of the fields/,
    );
    await expect(csvRecords('\ufeff\r\n', RosterChildDto)).rejects.toThrow(/the file is empty/);
  });
});
