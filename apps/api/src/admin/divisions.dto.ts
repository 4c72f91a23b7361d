import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsTownshipCode, IsVillageCode } from '../common/validation';

export class CreateTownshipDto {
  @IsTownshipCode()
  code: string;

  @ApiProperty({ example: '城关镇' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}

export class RenameDto {
  @ApiProperty({ example: '新名称' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}

export class CreateVillageDto {
  @IsVillageCode()
  code: string;

  @ApiProperty({ example: '红星村' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}

export class VillageQueryDto {
  @IsTownshipCode(true)
  townshipCode?: string;
}
