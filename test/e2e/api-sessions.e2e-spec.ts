import { JwtService } from '@nestjs/jwt';
import { ApiStack, PASSWORD } from '../support/api-stack';
import { uniqueId } from '../support/env';

/** A fresh username (3 to 64 lower-case letters and digits). */
function username(label: string): string {
  return `${label}${uniqueId('u')
    .replace(/[^a-z0-9]/g, '')
    .slice(-10)}`;
}

/** Resolves at the start of the next wall-clock second, so what follows fits inside one. */
async function nextSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
}

/** The seconds-resolution issue time a token carries. */
function issuedAt(token: string): number {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).iat as number;
}

/**
 * Sessions and the API's edges, on the real services: revocation that no clock resolution can
 * race, tokens that must expire, a sign-in limit per address and person, bodies refused before
 * any transform, and a Content-Security-Policy without inline code outside Swagger UI.
 */
describe('sessions and edges of the API', () => {
  // Three tries a minute per address and username: small enough to reach in a test.
  const limit = 3;
  let stack: ApiStack;
  let admin: string;

  beforeAll(async () => {
    stack = await ApiStack.start('api-sessions', { env: { SIGN_IN_RATE_LIMIT: String(limit) } });
    const adminName = username('admin');
    await stack.createAdmin(adminName, PASSWORD);
    admin = await stack.signIn(adminName, PASSWORD);
  });

  afterAll(async () => {
    await stack?.close();
  });

  const as = (token: string) => ({
    get: (path: string) => stack.http.get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) =>
      stack.http.post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object | string) => {
      const call = stack.http.patch(path).set('Authorization', `Bearer ${token}`);
      return typeof body === 'string'
        ? call.set('Content-Type', 'application/json').send(body)
        : call.send(body);
    },
  });

  async function newLeader(label: string): Promise<{ id: string; name: string }> {
    const name = username(label);
    const created = await as(admin).post('/admin/users', {
      username: name,
      displayName: `领导 ${label}`,
      password: PASSWORD,
      role: 'leader',
    });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, name };
  }

  it('ends a token when the password changes in the same second it was issued', async () => {
    let sameSecond = 0;
    // Each attempt starts on a fresh second; on a busy machine sign-in and change (two bcrypt
    // rounds) may straddle it, so try until one lands in one second, within a minute.
    const until = Date.now() + 60_000;
    for (let attempt = 0; sameSecond === 0 && (attempt < 4 || Date.now() < until); attempt += 1) {
      const user = await newLeader('same');
      await nextSecond();
      const token = await stack.signIn(user.name, PASSWORD);
      const changed = await as(token).post('/auth/password', {
        currentPassword: PASSWORD,
        newPassword: 'a-brand-new-password',
      });
      const changedAt = Math.floor(Date.now() / 1000);
      expect(changed.status).toBe(204);
      if (issuedAt(token) === changedAt) sameSecond += 1;
      // Whatever the second: the token from before the change is refused.
      expect((await as(token).get('/auth/me')).status).toBe(401);
      const fresh = await stack.signIn(user.name, 'a-brand-new-password');
      expect((await as(fresh).get('/auth/me')).status).toBe(200);
    }
    expect(sameSecond).toBeGreaterThan(0);
  });

  it("ends a user's tokens when an administrator changes their role or deactivates them", async () => {
    const user = await newLeader('moved');
    const token = await stack.signIn(user.name, PASSWORD);
    expect((await as(admin).patch(`/admin/users/${user.id}`, { role: 'supervisor' })).status).toBe(
      200,
    );
    expect((await as(token).get('/auth/me')).status).toBe(401);
    const again = await stack.signIn(user.name, PASSWORD);
    expect((await as(again).get('/auth/me')).body).toMatchObject({ role: 'supervisor' });
    expect((await as(admin).patch(`/admin/users/${user.id}`, { active: false })).status).toBe(200);
    expect((await as(again).get('/auth/me')).status).toBe(401);
  });

  it('refuses a well-signed token without exp, or without a token version', async () => {
    const user = await newLeader('noexp');
    const jwt = new JwtService({ secret: stack.config.auth.jwtSecret });
    const forever = await jwt.signAsync({ sub: user.id, typ: 'access', tv: 0 });
    expect((await as(forever).get('/auth/me')).status).toBe(401);
    const versionless = await jwt.signAsync({ sub: user.id, typ: 'access' }, { expiresIn: 600 });
    expect((await as(versionless).get('/auth/me')).status).toBe(401);
    const current = await jwt.signAsync({ sub: user.id, typ: 'access', tv: 0 }, { expiresIn: 600 });
    expect((await as(current).get('/auth/me')).status).toBe(200);
  });

  it('limits sign-in per address and username: one mistyping person does not lock out the office', async () => {
    const a = await newLeader('locked');
    const b = await newLeader('colleague');
    const signIn = (name: string, password: string) =>
      stack.http.post('/auth/sign-in').send({ username: name, password });
    const tries: number[] = [];
    for (let i = 0; i < limit; i += 1) tries.push((await signIn(a.name, 'wrong-password')).status);
    expect(tries).toEqual(Array(limit).fill(401));
    expect((await signIn(a.name, 'wrong-password')).status).toBe(429);
    // Same address, another person: still signs in.
    expect((await signIn(b.name, PASSWORD)).status).toBe(200);
    // The locked-out person stays limited, even with the right password or another spelling.
    expect((await signIn(a.name, PASSWORD)).status).toBe(429);
    expect((await signIn(` ${a.name.toUpperCase()}`, PASSWORD)).status).toBe(429);
  });

  it('refuses a deep body, a null display name and a NUL with 4xx, changing nothing', async () => {
    const user = await newLeader('named');
    const path = `/admin/users/${user.id}`;
    const deep = await as(admin).patch(
      path,
      `{"displayName":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    );
    expect([deep.status, deep.body.fields]).toEqual([
      400,
      { body: ['must not be nested more than 32 levels deep'] },
    ]);
    const blank = await as(admin).patch(path, { displayName: null });
    // null is checked like any value by the vocabulary (it may only be left out), so it is a
    // field error naming the type, never a null reaching the service.
    expect(blank.status).toBe(422);
    expect(blank.body.fields.displayName).toContain('displayName must be a string');
    const nul = await as(admin).patch(path, { displayName: '王\u0000芳' });
    expect([nul.status, nul.body.fields]).toEqual([
      422,
      { displayName: ['displayName must not contain NUL characters'] },
    ]);
    const created = await as(admin).post('/admin/users', {
      username: username('ctrl'),
      displayName: '王\u0007芳',
      password: PASSWORD,
      role: 'leader',
    });
    expect([created.status, created.body.fields]).toEqual([
      422,
      { displayName: ['displayName must not contain control characters'] },
    ]);
    const nulName = await stack.http
      .post('/auth/sign-in')
      .send({ username: 'nobody\u0000', password: PASSWORD });
    // A NUL in a sign-in name is bad input (a field error), never a database error.
    expect([nulName.status, Object.keys(nulName.body.fields ?? {})]).toEqual([422, ['username']]);
    expect((await as(admin).get(path)).body).toMatchObject({ displayName: '领导 named' });
  });

  it('serves the console with a CSP that allows no inline code, and keeps /docs working', async () => {
    const page = await stack.http.get('/console/');
    expect(page.status).toBe(200);
    const csp = page.headers['content-security-policy'];
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    // The built page itself needs none: every script and style is a file of its own.
    const html = page.text;
    expect(html).toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1] as string;
    const asset = await stack.http.get(script);
    expect(asset.status).toBe(200);
    expect(asset.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
    // A route of the API itself: strict as well.
    const health = await stack.http.get('/health');
    expect(health.headers['content-security-policy']).not.toMatch(/unsafe-inline/);

    const docs = await stack.http.get('/docs').redirects(1);
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/swagger-ui/);
    expect(docs.headers['content-security-policy']).toMatch(/script-src 'self' 'unsafe-inline'/);
    expect((await stack.http.get('/docs/openapi.json')).status).toBe(200);
  });
});
