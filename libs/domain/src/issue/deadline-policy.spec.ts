// The deadline policy through its index, as the workflows use it: the same deadlines on a host
// in any time zone. The other rules have their own specs beside their rooms (policy-*.spec.ts).
import { spawnSync } from 'child_process';
import * as path from 'path';
import { bj, iso } from './deadline-policy.spec-support';

describe('time zone', () => {
  // Each run is a separate Node process: the host zone is fixed when a process starts.
  const script = `
    const p = require(${JSON.stringify(path.join(__dirname, 'deadline-policy.ts'))});
    const d = p.DEFAULT_DEADLINE_POLICY;
    const working = { ...d, dayKind: 'working' };
    const bj = (s) => new Date(s + '+08:00');
    console.log(JSON.stringify({
      hostOffset: new Date(Date.UTC(2026, 2, 9, 12)).getTimezoneOffset(),
      fridayNight: p.addPolicyDuration(working, bj('2026-03-06T23:30'), { days: 1 }).toISOString(),
      mondayEarly: p.addPolicyDuration(working, bj('2026-03-09T00:30'), { days: 1 }).toISOString(),
      monthEnd: p.addPolicyDuration(d, bj('2026-01-31T00:30'), { months: 1 }).toISOString(),
      latestCompletion: p.maxCompletionDate(d, 'general', bj('2026-03-03T23:30')).toISOString(),
      countyDate: p.localDate(d, bj('2026-03-06T23:30')),
    }));
  `;

  function runWithTz(tz: string): Record<string, unknown> {
    const result = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-e', script],
      {
        cwd: path.resolve(__dirname, '../../../..'),
        encoding: 'utf8',
        env: { ...process.env, TZ: tz, TS_NODE_PROJECT: 'tsconfig.json' },
      },
    );
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  }

  it('computes the same deadlines whatever the host TZ is (a hand-over at 23:30 Beijing time)', () => {
    const expected = {
      // Friday 23:30 + 1 working day = Monday 23:30 Beijing
      fridayNight: iso(bj('2026-03-09T23:30')),
      // Monday 00:30 Beijing is still Sunday in UTC and New York: it must count as Monday
      mondayEarly: iso(bj('2026-03-10T00:30')),
      // 31 January 00:30 Beijing is 30 January in UTC: still ends on 28 February in Beijing
      monthEnd: iso(bj('2026-02-28T00:30')),
      latestCompletion: iso(bj('2026-03-10T23:59:59.999')),
      countyDate: '2026-03-06',
    };
    const offsets = new Set<unknown>();
    for (const tz of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Asia/Shanghai']) {
      const { hostOffset, ...answers } = runWithTz(tz);
      offsets.add(hostOffset);
      expect({ tz, ...answers }).toEqual({ tz, ...expected });
    }
    // the runs really had four different host zones
    expect(offsets.size).toBe(4);
  });
});
