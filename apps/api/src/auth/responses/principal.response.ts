import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { USER_ROLES, type Principal } from '@sanbao/auth';
import { SECTORS, type Sector } from '@sanbao/domain';
import type { UserRole } from '@sanbao/persistence';

/** Who a token belongs to: role and the one scope that role has. */
export class PrincipalResponse implements Principal {
  @ApiProperty({ format: 'uuid' })
  userId: string;
  @ApiProperty({ example: 'wangfang' })
  username: string;
  @ApiProperty({ example: '王芳' })
  name: string;
  @ApiProperty({ enum: USER_ROLES, example: 'village' })
  role: UserRole;
  @ApiPropertyOptional({ example: '511921101201', description: 'a village cadre’s village' })
  villageCode?: string;
  @ApiPropertyOptional({ example: '511921101', description: 'a township officer’s township' })
  townshipCode?: string;
  @ApiPropertyOptional({ enum: SECTORS, description: 'a bureau officer’s sector' })
  sector?: Sector;
}
