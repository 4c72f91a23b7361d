import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ example: 'wangfang' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'the old password' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ example: 'a new long password', minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(72)
  newPassword: string;
}

export class SignedInDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIs...' })
  accessToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ example: 28800, description: 'seconds until the token expires' })
  expiresIn: number;

  @ApiProperty({
    example: {
      userId: '…',
      username: 'wangfang',
      name: '王芳',
      role: 'village',
      villageCode: '511921101201',
    },
  })
  principal: Record<string, unknown>;
}
