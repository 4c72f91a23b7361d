import type { AppUserEntity } from '@sanbao/persistence';
import { AuthError } from './auth.errors';
import type { UsersRepository } from './users.repository';
import { UsersService, type UserChanges } from './users.service';

/** An in-memory stand-in for the users table (the e2e suites use the real one). */
function memoryRepository(villages: string[], townships: string[]) {
  const rows: AppUserEntity[] = [];
  const repo = {
    findById: async (id: string) => rows.find((u) => u.id === id) ?? null,
    findByUsername: async (username: string) => rows.find((u) => u.username === username) ?? null,
    list: async () => rows,
    insert: async (user: Partial<AppUserEntity>) => {
      const now = new Date(Date.now() - 5000);
      const row = {
        ...user,
        id: `u${rows.length + 1}`,
        tokensValidFrom: now,
        tokenVersion: 0,
        createdAt: now,
        updatedAt: now,
      } as AppUserEntity;
      rows.push(row);
      return row;
    },
    save: async (user: AppUserEntity, options: { endSessions?: boolean } = {}) => {
      if (options.endSessions) user.tokenVersion += 1;
      return user;
    },
    villageExists: async (code: string) => villages.includes(code),
    townshipExists: async (code: string) => townships.includes(code),
  };
  return repo as unknown as UsersRepository;
}

async function refusal(work: Promise<unknown>): Promise<AuthError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('UsersService', () => {
  const service = new UsersService(memoryRepository(['511921101201'], ['511921101']));
  const password = 'a-long-enough-password';

  it('creates a user with exactly the scope of their role, lower-casing the username', async () => {
    const user = await service.create({
      username: ' WangFang ',
      displayName: '王芳',
      password,
      role: 'village',
      villageCode: '511921101201',
    });
    expect(user).toMatchObject({
      username: 'wangfang',
      role: 'village',
      villageCode: '511921101201',
      townshipCode: null,
      sector: null,
    });
    expect(user).not.toHaveProperty('passwordHash');
  });

  it('names the scope field a role needs, must not have, or that points nowhere', async () => {
    expect(
      (
        await refusal(
          service.create({ username: 'v2', displayName: 'x', password, role: 'village' }),
        )
      ).fields,
    ).toEqual({
      villageCode: ['is required for the role village'],
    });
    expect(
      (
        await refusal(
          service.create({
            username: 'l2x',
            displayName: 'x',
            password,
            role: 'leader',
            sector: 'water',
          }),
        )
      ).fields,
    ).toEqual({ sector: ['must be empty for the role leader'] });
    expect(
      (
        await refusal(
          service.create({
            username: 't2x',
            displayName: 'x',
            password,
            role: 'township',
            townshipCode: '999999999',
          }),
        )
      ).fields,
    ).toEqual({ townshipCode: ["township 999999999 is not one of the county's townships"] });
    expect(
      (
        await refusal(
          service.create({ username: 'p2x', displayName: 'x', password: 'short', role: 'leader' }),
        )
      ).fields,
    ).toEqual({ password: ['must be at least 10 characters'] });
    expect(
      (
        await refusal(
          service.create({ username: 'wangfang', displayName: 'x', password, role: 'leader' }),
        )
      ).code,
    ).toBe('username_taken');
  });

  it('answers a wrong password, an unknown user and a deactivated user alike', async () => {
    const created = await service.create({
      username: 'officer',
      displayName: '李强',
      password,
      role: 'township',
      townshipCode: '511921101',
    });
    await expect(service.signIn('OFFICER', password)).resolves.toMatchObject({
      principal: { role: 'township', townshipCode: '511921101' },
      tokenVersion: 0,
    });
    const wrong = await refusal(service.signIn('officer', 'not-the-password'));
    const unknown = await refusal(service.signIn('nobody', password));
    expect([wrong.code, wrong.message]).toEqual([unknown.code, unknown.message]);
    await service.update(created.id, { active: false });
    expect((await refusal(service.signIn('officer', password))).code).toBe('invalid_credentials');
  });

  it('moves a user to a new role with its own scope and ends their earlier tokens', async () => {
    const user = await service.create({
      username: 'mover',
      displayName: 'x',
      password,
      role: 'village',
      villageCode: '511921101201',
    });
    const before = (await service.signIn('mover', password)).tokenVersion;
    await expect(service.principalForToken(user.id, before)).resolves.toMatchObject({
      role: 'village',
    });
    const moved = await service.update(user.id, { role: 'bureau', sector: 'water' });
    expect(moved).toMatchObject({ role: 'bureau', sector: 'water', villageCode: null });
    expect((await refusal(service.principalForToken(user.id, before))).code).toBe(
      'unauthenticated',
    );
    const after = (await service.signIn('mover', password)).tokenVersion;
    expect(after).toBeGreaterThan(before);
    await expect(service.principalForToken(user.id, after)).resolves.toMatchObject({
      role: 'bureau',
      sector: 'water',
    });
  });

  it('ends sessions on a new password or deactivation, not on a new display name', async () => {
    const user = await service.create({
      username: 'sessions',
      displayName: 'x',
      password,
      role: 'leader',
    });
    const version = async () => (await service.signIn('sessions', password)).tokenVersion;
    const first = await version();
    await service.update(user.id, { displayName: '新名字' });
    expect(await version()).toBe(first);
    await service.update(user.id, { password });
    const second = await version();
    expect(second).toBe(first + 1);
    await service.update(user.id, { active: false });
    expect((await refusal(service.principalForToken(user.id, second))).code).toBe(
      'unauthenticated',
    );
  });

  it('refuses a null where a value is needed, and a display name that is not clean text', async () => {
    const user = await service.create({
      username: 'nulls',
      displayName: 'x',
      password,
      role: 'leader',
    });
    const refused = await refusal(
      service.update(user.id, { displayName: null, active: null } as unknown as UserChanges),
    );
    expect([refused.code, refused.fields]).toEqual([
      'invalid_scope',
      { displayName: ['must not be null'], active: ['must not be null'] },
    ]);
    expect((await refusal(service.update(user.id, { displayName: 'a\u0000b' }))).fields).toEqual({
      displayName: ['must not contain NUL characters'],
    });
    expect((await refusal(service.update(user.id, { displayName: '  ' }))).fields).toEqual({
      displayName: ['must not be blank'],
    });
    expect(
      (
        await refusal(
          service.create({ username: 'nul2', displayName: 'x\u0007', password, role: 'leader' }),
        )
      ).fields,
    ).toEqual({ displayName: ['must not contain control characters'] });
    expect((await refusal(service.signIn('nulls\u0000', password))).code).toBe(
      'invalid_credentials',
    );
  });
});
