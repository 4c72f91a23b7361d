import { getDecoder } from 'iconv-lite';
import { Transform, TransformCallback } from 'stream';
import { CsvEncodingError } from './csv-errors';

/**
 * CSV text in UTF-8 or GB18030, passed on as UTF-8. Excel on a Chinese Windows saves "CSV" in
 * GB18030 (GBK); "CSV UTF-8" adds a BOM. Without a declared charset the file decides:
 * - a UTF-8 BOM: UTF-8;
 * - ASCII bytes are the same in both, so they pass unchanged until the first byte above 0x7F;
 * - from there, at least 1 KiB (or the rest of the file) is looked at: valid UTF-8 means UTF-8,
 *   anything else GB18030. Chinese text in GB18030 is invalid UTF-8 within a few characters
 *   (a two-byte GB character is valid UTF-8 only by chance, and never many in a row).
 * Once UTF-8 is chosen, a later invalid byte is still refused, as before.
 */
export type Charset = 'utf-8' | 'gb18030';

/** The charset a request names (`charset=gb18030`, `gbk`, `utf8`...), or undefined. */
export function charsetOf(value: unknown): Charset | undefined {
  if (typeof value !== 'string') return undefined;
  const name = /(?:^|;)\s*charset\s*=\s*"?([\w-]+)"?/i.exec(value)?.[1] ?? value;
  const lower = name.trim().toLowerCase();
  if (lower === 'utf-8' || lower === 'utf8') return 'utf-8';
  if (lower === 'gb18030' || lower === 'gbk' || lower === 'gb2312') return 'gb18030';
  return undefined;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const LOOK_AT = 1024;

function isUtf8(bytes: Buffer, final: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !final });
    return true;
  } catch {
    return false;
  }
}

export function toUtf8(declared?: Charset): Transform {
  let charset: Charset | undefined = declared;
  let pending: Buffer = Buffer.alloc(0);
  let started = false;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const gb = getDecoder('gb18030');
  const fail = () => new CsvEncodingError('the CSV file must be UTF-8 or GB18030 text');

  const pass = (stream: Transform, chunk: Buffer): void => {
    if (chunk.length === 0) return;
    if (charset === 'gb18030') push(stream, gb.write(chunk));
    else {
      utf8.decode(chunk, { stream: true }); // throws on a bad byte
      stream.push(chunk);
    }
  };

  /** GB18030 text on as UTF-8; iconv-lite marks a byte it cannot read with U+FFFD. */
  const push = (stream: Transform, text: string): void => {
    if (text.includes('\uFFFD')) throw fail();
    if (text) stream.push(Buffer.from(text, 'utf8'));
  };

  /** Decides from what is pending (final: the file ended); pushes what can go on. */
  const decide = (stream: Transform, final: boolean): void => {
    if (!started && pending.length >= 3) {
      started = true;
      if (pending.subarray(0, 3).equals(BOM)) charset ??= 'utf-8';
    }
    if (charset === undefined) {
      const firstHigh = pending.findIndex((byte) => byte > 0x7f);
      if (firstHigh < 0) {
        if (final || pending.length >= 3) {
          stream.push(pending);
          pending = Buffer.alloc(0);
        }
        return;
      }
      if (firstHigh > 0) {
        stream.push(pending.subarray(0, firstHigh));
        pending = pending.subarray(firstHigh);
      }
      if (!final && pending.length < LOOK_AT) return;
      charset = isUtf8(pending, final) ? 'utf-8' : 'gb18030';
    }
    const chunk = pending;
    pending = Buffer.alloc(0);
    pass(stream, chunk);
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
        decide(this, false);
        done();
      } catch {
        done(fail());
      }
    },
    flush(done: TransformCallback) {
      try {
        decide(this, true);
        if (charset === 'gb18030') {
          push(this, gb.end() ?? '');
        } else {
          utf8.decode();
        }
        done();
      } catch {
        done(fail());
      }
    },
  });
}
