import { ACT_REJECTIONS } from '@sanbao/workflows';
import { fieldOf } from './act-rejection';
import { actStatus } from './exception.filter';

describe('mapping the issue workflow’s refusals to HTTP', () => {
  it('gives every rejection code of the workflow its documented status', () => {
    const statuses = Object.fromEntries(ACT_REJECTIONS.map((code) => [code, actStatus(code)]));
    expect(statuses).toEqual({
      invalid_act: 422,
      request_id_reused: 409,
      wrong_stage: 409,
      wrong_role: 403,
      out_of_scope: 403,
      invalid_field: 422,
      not_allowed: 409,
      already_voted: 409,
    });
  });

  it('reads the field a validator message names, and nothing from other messages', () => {
    expect(fieldOf('verification: visitedAt is in the future')).toBe('visitedAt');
    expect(
      fieldOf('extensionRequest: milestones[0].dueDate must fall after now and by the newDeadline'),
    ).toBe('milestones[0].dueDate');
    expect(fieldOf('solutionPlan: measures[2] is required and must be non-empty text')).toBe(
      'measures[2]',
    );
    expect(fieldOf('verification is only possible at verification; the issue is closed')).toBe(
      undefined,
    );
  });
});
