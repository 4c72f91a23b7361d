import { SECTORS, type Sector } from '@sanbao/domain';
import type { UserRole } from '@sanbao/persistence';
import { USER_ROLES } from '@sanbao/auth';
import { Transform } from 'class-transformer';
import {
  IsFlag,
  IsOneOf,
  IsPattern,
  IsText,
  IsTownshipCode,
  IsVillageCode,
} from '@sanbao/contracts';

const lowerCase = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  );

export class CreateUserDto {
  @lowerCase()
  @IsPattern(
    /^[a-z0-9][a-z0-9._-]{2,63}$/,
    '$property must be 3 to 64 lower-case letters, digits, ".", "_" or "-"',
    { example: 'wangfang', description: 'lower-case letters, digits, . _ -; 3 to 64' },
  )
  username: string;

  @IsText({ max: 100, example: '王芳' })
  displayName: string;

  @IsText({ min: 10, max: 72, example: 'a long first password' })
  password: string;

  @IsOneOf(USER_ROLES, { example: 'village' })
  role: UserRole;

  @IsVillageCode({ optional: true })
  villageCode?: string;

  @IsTownshipCode({ optional: true })
  townshipCode?: string;

  @IsOneOf(SECTORS, { optional: true, example: 'education' })
  sector?: Sector;
}

export class UpdateUserDto {
  @IsText({ max: 100, optional: true, example: '王芳' })
  displayName?: string;

  @IsOneOf(USER_ROLES, { optional: true, example: 'township' })
  role?: UserRole;

  @IsVillageCode({ optional: true })
  villageCode?: string;

  @IsTownshipCode({ optional: true })
  townshipCode?: string;

  @IsOneOf(SECTORS, { optional: true, example: 'water' })
  sector?: Sector;

  @IsFlag({ optional: true, description: 'false signs the user out everywhere' })
  active?: boolean;

  @IsText({
    min: 10,
    max: 72,
    optional: true,
    example: 'a new long password',
    description: 'a reset by an administrator',
  })
  password?: string;
}

export class UserQueryDto {
  @IsOneOf(USER_ROLES, { optional: true, example: 'village' })
  role?: UserRole;

  @IsFlag({ optional: true, query: true, example: true })
  active?: boolean;
}
