import { ApiError } from '../common/api.errors';
import { decodeCursor, encodeCursor } from './keyset';

describe('keyset cursors', () => {
  const list = 'ledger:dueAt:desc';

  it('gives back the list, the sort value, the key and the carried total', () => {
    const cursor = { list, value: '2026-03-01 08:00:00.123456+08', key: '2026-EDU-1000001' };
    expect(decodeCursor(encodeCursor(cursor), list)).toEqual(cursor);
    expect(decodeCursor(encodeCursor({ ...cursor, total: 10_001 }), list)).toEqual({
      ...cursor,
      total: 10_001,
    });
    expect(decodeCursor(encodeCursor({ list, value: null, key: 'k' }), list).value).toBeNull();
  });

  it('refuses a cursor of another list, or one it did not give out, naming the cursor', () => {
    const forged = (fields: unknown) =>
      Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
    const refusals = [
      encodeCursor({ list: 'ledger:dueAt:asc', value: null, key: 'k' }),
      'not base64 json',
      forged([list, null, 'k', -1]),
      forged([list, null, 'k', '-1']),
      forged([list, null, 'k', '1e9']),
      forged([list, null, 'k', '12345678901']),
      forged([list, null, 'k', '1', 'more']),
      forged([list, 5, 'k']),
    ].map((text) => {
      try {
        decodeCursor(text, list);
        return 'accepted';
      } catch (error) {
        return error instanceof ApiError ? Object.keys(error.fields ?? {}).join() : 'crashed';
      }
    });
    expect(refusals).toEqual(Array(8).fill('cursor'));
  });
});
