import { renderRecord, whyOf } from '../timeline/render';
import { STAGES } from '../types';
import { ACTS } from './catalogue';
import { ACT_NAMES, STAGE_OF_ACT, TASK_OF_STAGE, taskOfStage } from './lookups';

describe('the act catalogue', () => {
  it('keeps every Update name the saved histories hold', () => {
    // Renaming an Update breaks the replay of running issues: the names are the acts' names.
    expect(ACT_NAMES.map((name) => ACTS[name].update)).toEqual([
      'verification',
      'townshipDecision',
      'solutionPlan',
      'progressNote',
      'completion',
      'writeOffCheck',
      'extensionRequest',
      'leaderVote',
      'merge',
      'sendBack',
      'reroute',
    ]);
  });

  it('names one act for every open stage, done in that stage', () => {
    for (const stage of STAGES.filter((s) => s !== 'closed')) {
      const task = taskOfStage(stage);
      expect(task).toBeDefined();
      expect(STAGE_OF_ACT[task!]).toBe(stage);
    }
    expect(taskOfStage('closed')).toBeUndefined();
    expect(Object.keys(TASK_OF_STAGE)).toHaveLength(5);
  });

  it('gives each route once', () => {
    const routes = ACT_NAMES.map((name) => ACTS[name].route);
    expect(new Set(routes).size).toBe(routes.length);
  });
});

describe('the timeline renderer', () => {
  const actor = { name: 'Li Ming', role: 'village' as const };
  const verification = {
    kind: 'verification' as const,
    payload: { confirmed: true, findings: 'visited', visitedAt: '2026-03-02T02:30:00.000Z' },
    actor,
    stage: 'verification',
  };

  it('writes times in the county time zone, in English and in Chinese', () => {
    const options = { timeZone: 'Asia/Shanghai' };
    expect(renderRecord(verification, { ...options, lang: 'en' }).text).toBe(
      'Li Ming (village cadre) visited the household on 2026-03-02 10:30 and confirmed the problem',
    );
    expect(renderRecord(verification, { ...options, lang: 'zh-CN' }).text).toBe(
      'Li Ming（村干部）于 2026-03-02 10:30 入户核查：情况属实',
    );
  });

  it("gives the act's reason as the why, and a reopening's", () => {
    expect(whyOf(verification)).toBe('visited');
    expect(whyOf({ kind: 'reopened', payload: { reason: 'still no water', reopenCount: 1 } })).toBe(
      'still no water',
    );
    expect(whyOf({ kind: 'closed', payload: { closure: 'written_off' } })).toBeNull();
  });

  it('marks a vote with its verdict, and nothing else', () => {
    const vote = {
      kind: 'leaderVote' as const,
      payload: { extension: 'ext-1', approve: false, comment: 'not yet' },
      actor: { name: 'He Wei', role: 'leader' as const },
      stage: 'resolution',
    };
    const options = { lang: 'en' as const, timeZone: 'Asia/Shanghai' };
    expect(renderRecord(vote, options)).toEqual({
      text: 'He Wei (county leader) voted to reject the extension',
      why: 'not yet',
      verdict: 'reject',
    });
    expect(renderRecord(verification, options).verdict).toBeUndefined();
  });

  it('names a bureau unit and the roles told', () => {
    const line = renderRecord(
      {
        kind: 'overdue',
        payload: {
          unit: 'bureau:water',
          dueAt: '2026-03-02T09:00:00.000Z',
          level: 'yellow',
          notify: ['bureau', 'leader'],
        },
        actor: { name: 'issue workflow', role: 'system' },
        stage: 'resolution',
      },
      { lang: 'en', timeZone: 'Asia/Shanghai' },
    );
    expect(line.text).toBe(
      'The Resolution time limit (2026-03-02 17:00) passed: county Drinking water bureau is answerable; told: county bureau officer, county leader',
    );
  });
});
