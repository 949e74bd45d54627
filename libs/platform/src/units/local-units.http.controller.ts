import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { unitNotFound } from '../auth/unit-access';
import { LocalUnitsRepository } from './local-units.repository';
import { councilHeader } from './unit-label';

@ApiTags('units')
@Controller('api/v1/units')
export class LocalUnitsHttpController {
  constructor(private readonly units: LocalUnitsRepository) {}

  @Get(':code')
  @Roles('viewer', 'officer', 'unit-admin', 'assessor', 'portal', 'kiosk')
  @ApiOperation({
    summary:
      "This service's copy of an administrative unit (built from unit.upserted events); a retired unit lists the units that carry it now",
  })
  @ApiOkResponse({
    description:
      "The unit, with `header` (issuing-body lines: 'UBND TỈNH …' over 'UBND XÃ …' without a district) and `successors` (empty unless merged or split)",
  })
  async get(@Param('code') code: string) {
    const unit = await this.units.find(code);
    if (!unit) throw unitNotFound(code);
    const parent = unit.parentCode ? await this.units.find(unit.parentCode) : null;
    return {
      ...unit,
      header: councilHeader(unit.name, parent?.name ?? null),
      successors: await this.units.currentSuccessors(code),
    };
  }
}
