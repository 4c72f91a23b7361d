import { Temporal } from 'temporal-polyfill';
import { isKnownTimeZone, parseIsoDate, startOfLocalDate, toInstant, toLocal } from './calendar';

const at = (local: string, timeZone: string) =>
  new Date(toInstant(Temporal.PlainDateTime.from(local), timeZone)).toISOString();

describe('calendar', () => {
  it('reads a time skipped when clocks go forward with the old offset (just after the jump)', () => {
    // Berlin, 29 March 2026: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist.
    expect(at('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('reads a time repeated when clocks go back as the earlier of the two', () => {
    // Berlin, 25 October 2026: 03:00 CEST goes back to 02:00 CET; 02:30 happens twice.
    expect(at('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('starts a day that has no midnight at the first instant it has', () => {
    // Havana, 8 March 2026: midnight jumps to 01:00.
    expect(startOfLocalDate({ timeZone: 'America/Havana' }, '2026-03-08').toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
  });

  it('reads the wall clock of an instant in the zone, whatever the host TZ', () => {
    expect(toLocal(Date.parse('2026-03-06T15:30:00Z'), 'Asia/Shanghai').toString()).toBe(
      '2026-03-06T23:30:00',
    );
  });

  it('takes only real dates written YYYY-MM-DD', () => {
    expect(parseIsoDate('2028-02-29')?.toString()).toBe('2028-02-29');
    for (const bad of ['2026-02-29', '2026-13-01', '20260101', '2026/01/01', '+002026-01-01']) {
      expect(parseIsoDate(bad)).toBeUndefined();
    }
  });

  it('knows IANA zones and refuses names and bare offsets it cannot format', () => {
    expect(isKnownTimeZone('Asia/Shanghai')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Beijing')).toBe(false);
    expect(isKnownTimeZone('+08:00')).toBe(false);
  });
});
