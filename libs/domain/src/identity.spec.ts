import { normaliseId, normaliseSubject } from './identity';

describe('normaliseId: one form of a subject identifier', () => {
  it('reads case, surrounding space and full-width variants as one identifier', () => {
    const variants = [
      'ACC-0042-E1',
      'acc-0042-e1',
      '  ACC-0042-E1\t',
      'ＡＣＣ－００４２－Ｅ１',
      '\u3000acc-0042-E1\u3000',
    ];
    expect(new Set(variants.map(normaliseId))).toEqual(new Set(['ACC-0042-E1']));
  });

  it('turns full-width digits of a division code into ASCII and is idempotent', () => {
    expect(normaliseId('５１１９２１１０１２０１')).toBe('511921101201');
    expect(normaliseId(normaliseId(' ｃｈｉｌｄ－１ '))).toBe('CHILD-1');
  });

  it('normalises every identifier of a subject and leaves the rest', () => {
    expect(
      normaliseSubject({
        kind: 'household',
        id: ' hh-1 ',
        personRef: 'child-1',
        villageCode: '５１１９２１１０１２０１',
        townshipCode: '511921101',
      }),
    ).toEqual({
      kind: 'household',
      id: 'HH-1',
      personRef: 'CHILD-1',
      villageCode: '511921101201',
      townshipCode: '511921101',
    });
  });
});
