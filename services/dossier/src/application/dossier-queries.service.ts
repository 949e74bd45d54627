import { Injectable } from '@nestjs/common';
import { addDays, atLocalMinute, toLocalDate } from '@fg/kernel';
import { AuthUser, DomainError, LocalUnitsRepository, notFound, UnitAccess } from '@fg/platform';
import { DataSource } from 'typeorm';
import { nextWorkingDay, type DossierStatus } from '../domain';
import { fromRow } from '../persistence/dossier.mapper';
import type { DossierRecord } from '../persistence/dossier.record';
import { DossierRepository, type HistoryEntry } from '../persistence/dossier.repository';
import { lookupKeyMatches } from './lookup-key';
import { TimeContextService } from './time-context.service';

export interface DossierListFilter {
  unitCode: string;
  includeDescendants?: boolean;
  status?: DossierStatus;
  procedureCode?: string;
  /** Running dossiers whose due date has passed (local date). */
  overdue?: boolean;
  /** Running dossiers due today or on the unit's next working day. With `overdue`, either one. */
  dueSoon?: boolean;
  /** Receipt (or online registration) time range, `to` exclusive. */
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
}

const RUNNING = `status IN ('RECEIVED', 'IN_PROGRESS', 'AWAITING_FEES')`;

const encodeCursor = (r: DossierRecord & { intakeAt: Date }) =>
  Buffer.from(JSON.stringify([r.intakeAt.toISOString(), r.state.id])).toString('base64url');
const decodeCursor = (c: string): [string, string] => {
  try {
    const v: unknown = JSON.parse(Buffer.from(c, 'base64url').toString());
    if (Array.isArray(v) && v.length === 2) {
      const [intakeAt, id] = v as unknown[];
      if (typeof intakeAt === 'string' && !Number.isNaN(Date.parse(intakeAt)))
        if (typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return [intakeAt, id];
    }
  } catch {
    /* fall through */
  }
  throw new DomainError('INVALID', 'DOSSIER.BAD_CURSOR', 'cursor is not one this API returned');
};

@Injectable()
export class DossierQueriesService {
  constructor(
    private readonly ds: DataSource,
    private readonly dossiers: DossierRepository,
    private readonly units: UnitAccess,
    private readonly localUnits: LocalUnitsRepository,
    private readonly time: TimeContextService,
  ) {}

  /** The dossier, when the caller may see its unit's dossiers (404 before 403 would leak nothing either way). */
  async get(id: string, user: AuthUser): Promise<DossierRecord> {
    const record = await this.dossiers.find(id);
    if (!record) throw notFound('Dossier', id, 'DOSSIER.NOT_FOUND');
    await this.units.inScope(user, record.state.unitCode);
    return record;
  }

  async history(id: string, user: AuthUser): Promise<HistoryEntry[]> {
    await this.get(id, user);
    return this.dossiers.history(id);
  }

  /** Newest first by receipt time, keyset-paginated (stable under concurrent intake). */
  async list(
    f: DossierListFilter,
    user: AuthUser,
  ): Promise<{ items: DossierRecord[]; nextCursor: string | null }> {
    await this.units.assert(user, f.unitCode);
    const units = f.includeDescendants ? await this.localUnits.subtree(f.unitCode) : [f.unitCode];
    const params: unknown[] = [units];
    const where = ['unit_code = ANY($1)'];
    const p = (v: unknown) => `$${params.push(v)}`;
    if (f.status) where.push(`status = ${p(f.status)}`);
    if (f.procedureCode) where.push(`procedure_code = ${p(f.procedureCode)}`);
    if (f.from) where.push(`intake_at >= ${p(f.from)}`);
    if (f.to) where.push(`intake_at < ${p(f.to)}`);
    if (f.overdue || f.dueSoon) {
      const ctx = await this.time.forUnit(f.unitCode);
      const today = toLocalDate(new Date());
      const startOfToday = atLocalMinute(today, 0);
      const afterDueSoon = atLocalMinute(addDays(nextWorkingDay(today, ctx.calendar, ctx.hours), 1), 0);
      const ranges = [
        ...(f.overdue ? [`due_at < ${p(startOfToday)}`] : []),
        ...(f.dueSoon ? [`(due_at >= ${p(startOfToday)} AND due_at < ${p(afterDueSoon)})`] : []),
      ];
      where.push(`${RUNNING} AND (${ranges.join(' OR ')})`);
    }
    if (f.cursor) {
      const [intakeAt, id] = decodeCursor(f.cursor);
      where.push(`(intake_at, id) < (${p(intakeAt)}::timestamptz, ${p(id)}::uuid)`);
    }
    const rows = await this.ds.query<Record<string, unknown>[]>(
      `SELECT * FROM dossiers WHERE ${where.join(' AND ')} ORDER BY intake_at DESC, id DESC LIMIT ${p(f.limit + 1)}`,
      params,
    );
    const items = rows.slice(0, f.limit).map((r) => ({ ...fromRow(r), intakeAt: r.intake_at as Date }));
    return { items, nextCursor: rows.length > f.limit ? encodeCursor(items[items.length - 1]) : null };
  }

  /** The citizen's look-up: an unknown code and a wrong key get the same 404. */
  async publicLookup(code: string, key: string): Promise<DossierRecord> {
    const record = await this.dossiers.findByCode(code);
    if (!record || !lookupKeyMatches(key, record.extras.lookupKeyHash)) {
      throw new DomainError('NOT_FOUND', 'DOSSIER.NOT_FOUND', 'No dossier matches this code and look-up key');
    }
    return record;
  }
}
