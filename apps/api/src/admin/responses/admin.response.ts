import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, type UserView } from '@sanbao/auth';
import { SECTORS, type Sector } from '@sanbao/domain';
import type { UserRole } from '@sanbao/persistence';
import type { TownshipView, VillageView } from '../divisions.service';

/** A user as administrators see it: never a password hash. */
export class UserResponse implements UserView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'wangfang' })
  username: string;
  @ApiProperty({ example: '王芳' })
  displayName: string;
  @ApiProperty({ enum: USER_ROLES, example: 'village' })
  role: UserRole;
  @ApiProperty({ type: String, nullable: true, example: '511921101201' })
  villageCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: null })
  townshipCode: string | null;
  @ApiProperty({ enum: SECTORS, nullable: true, example: null })
  sector: Sector | null;
  @ApiProperty()
  active: boolean;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class TownshipResponse implements TownshipView {
  @ApiProperty({ example: '511921101' })
  code: string;
  @ApiProperty({ example: '城关镇' })
  name: string;
}

export class VillageResponse implements VillageView {
  @ApiProperty({ example: '511921101201' })
  code: string;
  @ApiProperty({ example: '红星村' })
  name: string;
  @ApiProperty({ example: '511921101' })
  townshipCode: string;
}
