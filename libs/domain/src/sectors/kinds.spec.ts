import { issueKey } from '../issue/types';
import { canonicalKind, kindFamily, kindsOf, kindsOfFamily } from './kinds';

describe('the kind catalogue and its families', () => {
  it('reads an alias as its kind and knows no other kind', () => {
    expect(canonicalKind('education', 'not_back_after_term_start')).toBe('not_returned');
    expect(canonicalKind('education', 'dropped_out')).toBe('dropped_out');
    expect(canonicalKind('education', 'no_such_kind_xyz')).toBeUndefined();
    expect(canonicalKind('water', 'not_returned')).toBeUndefined();
    expect(kindsOf('housing')).toEqual(['unsafe_house', 'uninhabitable_house', 'disaster_damage']);
  });

  it('puts the kinds of one situation in one family, and keeps a lone kind its own', () => {
    expect(kindsOfFamily('education', 'out_of_school')).toEqual([
      'not_enrolled',
      'not_returned',
      'dropped_out',
    ]);
    expect(kindFamily('education', 'not_back_after_term_start')).toBe('out_of_school');
    expect(kindFamily('housing', 'disaster_damage')).toBe('unsafe_dwelling');
    expect(kindFamily('medical', 'premium_unpaid')).toBe('premium_unpaid');
    expect(kindFamily('water', 'frozen')).toBe('supply');
    expect(kindFamily('water', 'quality_failure')).toBe('quality_failure');
  });

  it('keys one issue per family, and a lone kind as before', () => {
    const subject = { id: 'hh-0042', personRef: 'child-1' };
    const keys = ['not_enrolled', 'not_returned', 'dropped_out', 'not_back_after_term_start'].map(
      (kind) => issueKey({ sector: 'education', subject, kind }),
    );
    expect(new Set(keys)).toEqual(new Set(['issue:education:HH-0042/CHILD-1:out_of_school']));
    expect(
      issueKey({ sector: 'water', subject: { id: '522633101201' }, kind: 'quality_failure' }),
    ).toBe('issue:water:522633101201:quality_failure');
  });
});
