import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CorrelationId, CurrentUser, Roles, UnitCodePipe } from '@fg/platform';
import { UnitRegistryService } from '../../application/unit-registry.service';
import type { UnitRow } from '../../persistence/unit-registry.schema';
import { ListUnitsQuery } from './list-units.request.dto';
import { ImportUnitsRequest, UpsertUnitRequest } from './upsert-unit.request.dto';

const view = (u: UnitRow) => ({
  code: u.code,
  name: u.name,
  level: u.level,
  parentCode: u.parentCode,
  active: u.active,
  revision: u.revision,
  updatedAt: u.updatedAt,
});

const READERS = ['viewer', 'officer', 'unit-admin', 'assessor', 'portal', 'kiosk'] as const;

@ApiTags('units')
@Controller('api/v1/units')
export class UnitsHttpController {
  constructor(private readonly registry: UnitRegistryService) {}

  @Put(':code')
  @Roles('admin')
  @ApiOperation({ summary: 'Create or change an administrative unit; publishes unit.upserted' })
  async upsert(
    @Param('code', UnitCodePipe) code: string,
    @Body() body: UpsertUnitRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() correlationId: string,
  ) {
    const [outcome] = await this.registry.upsert(
      [
        {
          code,
          name: body.name,
          level: body.level,
          parentCode: body.parentCode ?? null,
          active: body.active ?? true,
        },
      ],
      { actorId: user.sub, action: 'unit.put' },
      correlationId,
    );
    return { ...view(outcome.unit), changed: outcome.changed };
  }

  @Post('import')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: "Import a whole province's unit list in one all-or-nothing call" })
  async import(
    @Body() body: ImportUnitsRequest,
    @CurrentUser() user: AuthUser,
    @CorrelationId() correlationId: string,
  ) {
    const outcomes = await this.registry.upsert(
      body.units.map((u) => ({
        code: u.code,
        name: u.name,
        level: u.level,
        parentCode: u.parentCode ?? null,
        active: u.active ?? true,
      })),
      { actorId: user.sub, action: 'unit.import' },
      correlationId,
    );
    return {
      received: body.units.length,
      changed: outcomes.filter((o) => o.changed).length,
      unchanged: outcomes.filter((o) => !o.changed).length,
    };
  }

  @Get(':code')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One administrative unit' })
  async get(@Param('code', UnitCodePipe) code: string) {
    return view(await this.registry.get(code));
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'List units, e.g. the communes of a province (?parentCode=)' })
  async list(@Query() q: ListUnitsQuery) {
    const [rows, total] = await this.registry.list(q);
    return { items: rows.map(view), total, limit: q.limit, offset: q.offset };
  }
}
