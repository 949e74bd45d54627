import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@fg/platform';
import { ProcedureCatalogService } from '../../application/procedure-catalog.service';
import type { ProcedureRow } from '../../persistence/procedure.repository';
import { ProcedureCodePipe } from '../common/params';
import { ListProceduresQuery } from './list-procedures.request.dto';
import { UpsertProcedureRequest } from './upsert-procedure.request.dto';

const view = (p: ProcedureRow) => ({
  code: p.code,
  name: p.name,
  field: p.field,
  processing: p.processing,
  sameDay: p.processing.unit === 'SAME_DAY',
  fee: p.fee,
  feeNote: p.feeNote,
  documents: p.documents,
  revision: p.revision,
  updatedAt: p.updatedAt,
});

/** The public procedure catalog (what the QR boards at every office point to) and its upkeep. */
@ApiTags('procedures')
@Controller('api/v1/procedures')
export class ProceduresHttpController {
  constructor(private readonly catalog: ProcedureCatalogService) {}

  @Put(':code')
  @Roles('admin')
  @ApiOperation({ summary: 'Create or change a procedure; dossiers already received keep their due dates' })
  async upsert(@Param('code', ProcedureCodePipe) code: string, @Body() body: UpsertProcedureRequest) {
    const { procedure, changed } = await this.catalog.upsert({
      code,
      name: body.name.trim(),
      field: body.field.trim(),
      processing: { amount: body.processing.amount, unit: body.processing.unit },
      fee: body.fee ?? null,
      feeNote: body.feeNote ?? null,
      documents: body.documents ?? [],
    });
    return { ...view(procedure), changed };
  }

  @Get()
  @Public()
  @ApiOperation({
    summary: 'The procedure catalog, readable without login (filter by field, name, processing unit)',
  })
  async list(@Query() q: ListProceduresQuery) {
    const { items, total } = await this.catalog.list(q);
    return { items: items.map(view), total, limit: q.limit, offset: q.offset };
  }

  @Get(':code')
  @Public()
  @ApiOperation({ summary: 'One procedure of the public catalog' })
  async get(@Param('code', ProcedureCodePipe) code: string) {
    return view(await this.catalog.get(code));
  }
}
