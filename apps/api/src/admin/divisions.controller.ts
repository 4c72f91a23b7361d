import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '@sanbao/auth';
import { townshipParam, villageParam } from '../common/params';
import { ApiErrorResponses } from '../common/responses/error.response';
import { TownshipResponse, VillageResponse } from './responses/admin.response';
import { CreateTownshipDto, CreateVillageDto, RenameDto, VillageQueryDto } from './divisions.dto';
import { DivisionsService, TownshipView, VillageView } from './divisions.service';

/**
 * The county's divisions: everyone signed in reads them (to pick a village when reporting);
 * only administrators add or rename. Nothing is deleted: issues and users keep their codes.
 */
@ApiTags('divisions')
@ApiBearerAuth()
@ApiErrorResponses(401, 403, 422)
@Controller()
export class DivisionsController {
  constructor(private readonly divisions: DivisionsService) {}

  @Get('townships')
  @ApiOkResponse({ type: [TownshipResponse] })
  listTownships(): Promise<TownshipView[]> {
    return this.divisions.listTownships();
  }

  @Post('townships')
  @ApiCreatedResponse({ type: TownshipResponse })
  @ApiErrorResponses(409)
  @Roles('admin')
  @ApiOperation({ summary: 'Add a township by its 9-digit division code' })
  createTownship(@Body() body: CreateTownshipDto): Promise<TownshipView> {
    return this.divisions.createTownship(body);
  }

  @Patch('townships/:code')
  @ApiOkResponse({ type: TownshipResponse })
  @ApiErrorResponses(400, 404)
  @Roles('admin')
  renameTownship(
    @Param('code', townshipParam) code: string,
    @Body() body: RenameDto,
  ): Promise<TownshipView> {
    return this.divisions.renameTownship(code, body.name);
  }

  @Get('villages')
  @ApiOkResponse({ type: [VillageResponse] })
  listVillages(@Query() query: VillageQueryDto): Promise<VillageView[]> {
    return this.divisions.listVillages(query.townshipCode);
  }

  @Post('villages')
  @ApiCreatedResponse({ type: VillageResponse })
  @ApiErrorResponses(409)
  @Roles('admin')
  @ApiOperation({
    summary: 'Add a village by its 12-digit code (its first 9 digits: the township)',
  })
  createVillage(@Body() body: CreateVillageDto): Promise<VillageView> {
    return this.divisions.createVillage(body);
  }

  @Patch('villages/:code')
  @ApiOkResponse({ type: VillageResponse })
  @ApiErrorResponses(400, 404)
  @Roles('admin')
  renameVillage(
    @Param('code', villageParam) code: string,
    @Body() body: RenameDto,
  ): Promise<VillageView> {
    return this.divisions.renameVillage(code, body.name);
  }
}
