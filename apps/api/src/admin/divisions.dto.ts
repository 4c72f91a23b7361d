import { IsText, IsTownshipCode, IsVillageCode } from '@sanbao/contracts';

export class CreateTownshipDto {
  @IsTownshipCode()
  code: string;

  @IsText({ max: 100, example: '城关镇' })
  name: string;
}

export class RenameDto {
  @IsText({ max: 100, example: '新名称' })
  name: string;
}

export class CreateVillageDto {
  @IsVillageCode()
  code: string;

  @IsText({ max: 100, example: '红星村' })
  name: string;
}

export class VillageQueryDto {
  @IsTownshipCode({ optional: true })
  townshipCode?: string;
}
