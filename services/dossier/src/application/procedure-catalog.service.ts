import { Injectable } from '@nestjs/common';
import { notFound } from '@fg/platform';
import { assertProcessingTime } from '../domain';
import {
  ProcedureRepository,
  type ProcedureFilter,
  type ProcedureInput,
  type ProcedureRow,
} from '../persistence/procedure.repository';

/** The public procedure catalog and its upkeep by the admin. */
@Injectable()
export class ProcedureCatalogService {
  constructor(private readonly procedures: ProcedureRepository) {}

  /** Dossiers already received keep their due dates: they copied the processing time at intake. */
  upsert(p: ProcedureInput): Promise<{ procedure: ProcedureRow; changed: boolean }> {
    assertProcessingTime(p.processing);
    return this.procedures.upsert(p);
  }

  list(filter: ProcedureFilter): Promise<{ items: ProcedureRow[]; total: number }> {
    return this.procedures.list(filter);
  }

  /** `PROCEDURE.NOT_FOUND` when the code is not in the catalog. */
  async get(code: string): Promise<ProcedureRow> {
    const procedure = await this.procedures.find(code);
    if (!procedure) throw notFound('Procedure', code, 'PROCEDURE.NOT_FOUND');
    return procedure;
  }
}
