import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthError } from './auth.errors';
import type { Session } from './users.service';

/**
 * What a sign-in token carries: who, and the user's token version when it was issued (role
 * and scope are read fresh on every request). `exp` is required: a token never lives forever.
 */
interface AccessClaims {
  sub: string;
  typ: 'access';
  tv: number;
  iat: number;
  exp: number;
}

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Issues and checks the API's sign-in tokens (HS256 with the deployment's JWT_SECRET). */
@Injectable()
export class JwtTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly expiresInSeconds: number,
  ) {}

  async issue(session: Session): Promise<IssuedToken> {
    const accessToken = await this.jwt.signAsync(
      { sub: session.principal.userId, typ: 'access', tv: session.tokenVersion },
      { expiresIn: this.expiresInSeconds, algorithm: 'HS256' },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.expiresInSeconds };
  }

  /** The token's user and token version; a forged, expired or malformed token is `unauthenticated`. */
  async verify(token: string): Promise<{ userId: string; tokenVersion: number }> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      const expired = (error as { name?: string }).name === 'TokenExpiredError';
      throw new AuthError(
        'unauthenticated',
        expired ? 'the token has expired; sign in again' : 'the token is not valid',
      );
    }
    // jsonwebtoken checks `exp` only when present; a token without one is not ours.
    if (
      claims.typ !== 'access' ||
      typeof claims.sub !== 'string' ||
      typeof claims.iat !== 'number' ||
      typeof claims.exp !== 'number' ||
      !Number.isSafeInteger(claims.tv) ||
      claims.tv < 0
    ) {
      throw new AuthError('unauthenticated', 'the token is not valid');
    }
    return { userId: claims.sub, tokenVersion: claims.tv };
  }
}
