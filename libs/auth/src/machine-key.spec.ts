import { generateMachineKey, hashMachineKey, looksLikeMachineKey } from './machine-key';

describe('machine keys', () => {
  it('are 256 random bits behind the sector prefix, different every time', () => {
    const a = generateMachineKey('water');
    const b = generateMachineKey('water');
    expect(a).toMatch(/^sbk_water_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(looksLikeMachineKey(a)).toBe(true);
  });

  it('are stored as their SHA-256 only', () => {
    const key = generateMachineKey('education');
    expect(hashMachineKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashMachineKey(key)).toBe(hashMachineKey(key));
    expect(hashMachineKey(key)).not.toContain(key.slice(14));
  });

  it('turns away what is not shaped like a key before any lookup', () => {
    expect(looksLikeMachineKey(undefined)).toBe(false);
    expect(looksLikeMachineKey('sbk_roads_' + 'a'.repeat(43))).toBe(false);
    expect(looksLikeMachineKey('sbk_water_short')).toBe(false);
  });
});
