import { JwtService } from '@nestjs/jwt';
import { AuthError } from './auth.errors';
import { JwtTokenService } from './jwt-token.service';

describe('JwtTokenService', () => {
  const secret = 'a-test-secret-that-is-long-enough-for-hs256';
  const jwt = new JwtService({ secret });
  const tokens = new JwtTokenService(jwt, 3600);
  const session = {
    principal: { userId: 'u1', username: 'wangfang', name: '王芳', role: 'leader' as const },
    tokenVersion: 3,
  };

  async function refusal(token: string): Promise<string> {
    try {
      await tokens.verify(token);
    } catch (error) {
      if (error instanceof AuthError) return error.code;
      throw error;
    }
    throw new Error('expected a refusal');
  }

  it('issues a token that carries the user, the token version and an expiry', async () => {
    const { accessToken, expiresIn } = await tokens.issue(session);
    expect(expiresIn).toBe(3600);
    expect(await tokens.verify(accessToken)).toEqual({ userId: 'u1', tokenVersion: 3 });
    const claims = jwt.decode<Record<string, unknown>>(accessToken);
    expect(claims).toMatchObject({ sub: 'u1', typ: 'access', tv: 3 });
    expect(typeof claims.exp).toBe('number');
  });

  it('refuses a token without exp, without a token version, or signed with another key', async () => {
    const noExp = await jwt.signAsync({ sub: 'u1', typ: 'access', tv: 3 });
    expect(await refusal(noExp)).toBe('unauthenticated');
    const noVersion = await jwt.signAsync({ sub: 'u1', typ: 'access' }, { expiresIn: 60 });
    expect(await refusal(noVersion)).toBe('unauthenticated');
    const badVersion = await jwt.signAsync(
      { sub: 'u1', typ: 'access', tv: '3' },
      { expiresIn: 60 },
    );
    expect(await refusal(badVersion)).toBe('unauthenticated');
    const forged = await new JwtService({ secret: `${secret}x` }).signAsync(
      { sub: 'u1', typ: 'access', tv: 3 },
      { expiresIn: 60 },
    );
    expect(await refusal(forged)).toBe('unauthenticated');
    const expired = await jwt.signAsync({
      sub: 'u1',
      typ: 'access',
      tv: 3,
      exp: Math.floor(Date.now() / 1000) - 10,
    });
    expect(await refusal(expired)).toBe('unauthenticated');
  });
});
