import { FIGURE_SOURCES } from '@sanbao/domain';
import {
  auditCounts,
  COUNTED_KINDS,
} from '../../../../libs/persistence/src/migrations/read-counts.sql';
import { FIGURE_METRICS } from './report-counts';
import { emptyFigures } from './report-figures';

describe('the kept counts behind the monthly report', () => {
  it('has a kept metric for every figure the act catalogue names', () => {
    // The triggers were made by a migration that already ran: an act (or a choice of one)
    // counted towards a figure must be one they count, or the report would read zeros.
    const sql = auditCounts('rows', 1, COUNTED_KINDS);
    for (const source of FIGURE_SOURCES) {
      expect(COUNTED_KINDS).toContain(source.act);
      if (source.choice) {
        expect(sql).toContain(`WHEN '${source.act}' THEN a.payload->>'${source.choice.field}'`);
      }
    }
  });

  it('reads every figure but the balance and the days from a metric, each metric once', () => {
    const figures = new Set(FIGURE_METRICS.map(([, figure]) => figure));
    const counted = Object.keys(emptyFigures()).filter(
      (f) => f !== 'stillOpen' && f !== 'stageDays',
    );
    expect([...figures].sort()).toEqual(counted.sort());
    const metrics = FIGURE_METRICS.map(([metric]) => metric);
    expect(new Set(metrics).size).toBe(metrics.length);
    expect(metrics).toEqual(
      expect.arrayContaining([
        'audit:verification',
        'audit:townshipDecision:forward',
        'audit:townshipDecision:persuade',
        'audit:townshipDecision:unfounded',
        'audit:solutionPlan',
        'audit:completion',
      ]),
    );
  });
});
