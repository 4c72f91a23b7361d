import { ApiProperty } from '@nestjs/swagger';
import { IsText } from '@sanbao/contracts';
import { PrincipalResponse } from './responses/principal.response';

export class SignInDto {
  @IsText({ max: 64, example: 'wangfang' })
  username: string;

  @IsText({ max: 200, example: 'correct horse battery staple' })
  password: string;
}

export class ChangePasswordDto {
  @IsText({ max: 200, example: 'the old password' })
  currentPassword: string;

  @IsText({ min: 10, max: 72, example: 'a new long password' })
  newPassword: string;
}

/** The answer of POST /auth/sign-in: the token and whose it is. */
export class SignedInDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIs...' })
  accessToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ example: 28800, description: 'seconds until the token expires' })
  expiresIn: number;

  @ApiProperty({ type: PrincipalResponse })
  principal: PrincipalResponse;
}
