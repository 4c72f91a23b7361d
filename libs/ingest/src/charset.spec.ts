import { encode } from 'iconv-lite';
import { Readable } from 'stream';
import { charsetOf, toUtf8 } from './charset';
import { CsvEncodingError } from './csv-errors';

async function decoded(bytes: Buffer, chunk = 7, declared?: 'utf-8' | 'gb18030') {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  const out: Buffer[] = [];
  for await (const piece of Readable.from(parts).pipe(toUtf8(declared))) out.push(piece as Buffer);
  return Buffer.concat(out).toString('utf8');
}

describe('toUtf8: CSV bytes in UTF-8 or GB18030', () => {
  const text = `${'householdId,note\n'.repeat(200)}H1,学生张三（户主）\n`;

  it('keeps UTF-8, with or without a BOM, however it is cut', async () => {
    expect(await decoded(Buffer.from(text, 'utf8'), 3)).toBe(text);
    expect(await decoded(Buffer.from(`\uFEFF${text}`, 'utf8'), 1)).toBe(`\uFEFF${text}`);
  });

  it('reads GB18030 after a long ASCII start, however it is cut', async () => {
    expect(await decoded(encode(text, 'gb18030'), 1)).toBe(text);
    expect(await decoded(encode(text, 'gb18030'), 4096)).toBe(text);
  });

  it('follows a declared charset, and refuses bytes that are neither', async () => {
    await expect(decoded(encode(text, 'gb18030'), 64, 'utf-8')).rejects.toBeInstanceOf(
      CsvEncodingError,
    );
    await expect(decoded(Buffer.from([0x61, 0x80, 0xff, 0x0a]))).rejects.toBeInstanceOf(
      CsvEncodingError,
    );
  });

  it('reads the charset a request names', () => {
    expect(charsetOf('text/csv; charset=GB18030')).toBe('gb18030');
    expect(charsetOf('gbk')).toBe('gb18030');
    expect(charsetOf('utf8')).toBe('utf-8');
    expect(charsetOf('text/csv')).toBeUndefined();
    expect(charsetOf(undefined)).toBeUndefined();
  });
});
