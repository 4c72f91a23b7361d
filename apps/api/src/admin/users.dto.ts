import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SECTORS, type Sector } from '@sanbao/domain';
import type { UserRole } from '@sanbao/persistence';
import { USER_ROLES } from '@sanbao/auth';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOneOf, IsTownshipCode, IsVillageCode, ToBoolean } from '../common/validation';

const lowerCase = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  );

export class CreateUserDto {
  @ApiProperty({ example: 'wangfang', description: 'lower-case letters, digits, . _ -; 3 to 64' })
  @lowerCase()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, {
    message: 'username must be 3 to 64 lower-case letters, digits, ".", "_" or "-"',
  })
  username: string;

  @ApiProperty({ example: '王芳' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ example: 'a long first password', minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(72)
  password: string;

  @IsOneOf(USER_ROLES, 'village')
  role: UserRole;

  @IsVillageCode(true)
  villageCode?: string;

  @IsTownshipCode(true)
  townshipCode?: string;

  @IsOneOf(SECTORS, 'education', true)
  sector?: Sector;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: '王芳' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;

  @IsOneOf(USER_ROLES, 'township', true)
  role?: UserRole;

  @IsVillageCode(true)
  villageCode?: string;

  @IsTownshipCode(true)
  townshipCode?: string;

  @IsOneOf(SECTORS, 'water', true)
  sector?: Sector;

  @ApiPropertyOptional({ example: false, description: 'false signs the user out everywhere' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    example: 'a new long password',
    description: 'a reset by an administrator',
  })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(72)
  password?: string;
}

export class UserQueryDto {
  @IsOneOf(USER_ROLES, 'village', true)
  role?: UserRole;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  active?: boolean;
}
