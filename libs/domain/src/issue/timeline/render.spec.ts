import { toLocal } from '../calendar';
import { countyTime } from './render';

describe('countyTime', () => {
  /** The zone's wall clock by Temporal's zone rules: what countyTime must give. */
  function wallClock(ms: number, timeZone: string): string {
    return toLocal(ms, timeZone).toString().slice(0, 16).replace('T', ' ');
  }

  it("reads an instant as the zone's wall clock, across changes of offset", () => {
    // Zones with summer time, half- and quarter-hour offsets, a half-hour summer shift.
    const zones = [
      'Asia/Shanghai',
      'Europe/London',
      'America/New_York',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'America/St_Johns',
    ];
    const wrong: string[] = [];
    for (const zone of zones) {
      // Every 7 h 13 min over two years: each change of offset falls between two of them.
      for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 433 * 60_000 + 7_000) {
        const got = countyTime(new Date(ms).toISOString(), zone);
        if (got !== wallClock(ms, zone)) wrong.push(`${zone} ${new Date(ms).toISOString()} ${got}`);
      }
      // Around the changes themselves: every 7 minutes over the days they fall on.
      for (const day of [Date.UTC(2026, 2, 8), Date.UTC(2026, 2, 29), Date.UTC(2026, 3, 5)]) {
        for (let ms = day - 86_400_000; ms < day + 86_400_000; ms += 7 * 60_000) {
          const got = countyTime(new Date(ms).toISOString(), zone);
          if (got !== wallClock(ms, zone)) wrong.push(`${zone} ${new Date(ms).toISOString()} ${got}`);
        }
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('gives a dash for no instant and the text itself for one it cannot read', () => {
    expect(countyTime(undefined, 'Asia/Shanghai')).toBe('—');
    expect(countyTime('not a time', 'Asia/Shanghai')).toBe('not a time');
    expect(countyTime('2026-03-02T02:30:00Z', 'Asia/Shanghai')).toBe('2026-03-02 10:30');
  });
});
