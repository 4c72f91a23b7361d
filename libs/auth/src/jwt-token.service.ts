import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthError } from './auth.errors';
import type { Principal } from './principal';

/** What a sign-in token carries: who, and nothing else (role and scope are read fresh). */
interface AccessClaims {
  sub: string;
  typ: 'access';
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

  async issue(principal: Principal): Promise<IssuedToken> {
    const accessToken = await this.jwt.signAsync(
      { sub: principal.userId, typ: 'access' },
      { expiresIn: this.expiresInSeconds, algorithm: 'HS256' },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.expiresInSeconds };
  }

  /** The token's user and issue time; a forged, expired or malformed token is `unauthenticated`. */
  async verify(token: string): Promise<{ userId: string; issuedAt: number }> {
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
    if (
      claims.typ !== 'access' ||
      typeof claims.sub !== 'string' ||
      typeof claims.iat !== 'number'
    ) {
      throw new AuthError('unauthenticated', 'the token is not valid');
    }
    return { userId: claims.sub, issuedAt: claims.iat };
  }
}
