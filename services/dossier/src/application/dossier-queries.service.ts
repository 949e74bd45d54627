import { Inject, Injectable } from '@nestjs/common';
import { addDays, atLocalMinute, isInstantText, toLocalDate } from '@fg/kernel';
import {
  assertRateLimitLeft,
  AuthUser,
  consumeRateLimit,
  DomainError,
  LocalUnitsRepository,
  notFound,
  UnitAccess,
} from '@fg/platform';
import { DataSource } from 'typeorm';
import { DOSSIER_CONFIG, DossierConfig } from '../config';
import { nextWorkingDay, type DossierStatus } from '../domain';
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

const encodeCursor = (r: DossierRecord & { intakeAt: Date }) =>
  Buffer.from(JSON.stringify([r.intakeAt.toISOString(), r.state.id])).toString('base64url');
const decodeCursor = (c: string): [string, string] => {
  try {
    const v: unknown = JSON.parse(Buffer.from(c, 'base64url').toString());
    if (Array.isArray(v) && v.length === 2) {
      const [intakeAt, id] = v as unknown[];
      // Only the ISO instants encodeCursor writes: Date.parse also reads '1' or 'May 5', which Postgres
      // then refuses (a 500).
      if (isInstantText(intakeAt))
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
    @Inject(DOSSIER_CONFIG) private readonly config: DossierConfig,
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
    let dueIn: { from?: Date; to: Date }[] | undefined;
    if (f.overdue || f.dueSoon) {
      const ctx = await this.time.forUnit(f.unitCode);
      const today = toLocalDate(new Date());
      const startOfToday = atLocalMinute(today, 0);
      const afterDueSoon = atLocalMinute(addDays(nextWorkingDay(today, ctx.calendar, ctx.hours), 1), 0);
      dueIn = [
        ...(f.overdue ? [{ to: startOfToday }] : []),
        ...(f.dueSoon ? [{ from: startOfToday, to: afterDueSoon }] : []),
      ];
    }
    const before = f.cursor ? decodeCursor(f.cursor) : undefined;
    const rows = await this.dossiers.list({
      units,
      status: f.status,
      procedureCode: f.procedureCode,
      from: f.from,
      to: f.to,
      dueIn,
      before: before && { intakeAt: before[0], id: before[1] },
      limit: f.limit,
    });
    const items = rows.slice(0, f.limit);
    return { items, nextCursor: rows.length > f.limit ? encodeCursor(items[items.length - 1]) : null };
  }

  /**
   * The citizen's look-up: an unknown code and a wrong key get the same 404. Wrong keys are counted per client
   * address (`DOSSIER_LOOKUP_MISSES` per `DOSSIER_LOOKUP_WINDOW_SECONDS`, in Postgres for every instance);
   * once they reach the limit every look-up from that address is a 429 with Retry-After until the window ends,
   * which caps guessing at the limit per window. Right keys are not counted: a citizen may reload his page.
   */
  async publicLookup(code: string, key: string, clientAddress: string): Promise<DossierRecord> {
    const limit = {
      key: `lookup:${clientAddress}`,
      limit: this.config.DOSSIER_LOOKUP_MISSES,
      windowSeconds: this.config.DOSSIER_LOOKUP_WINDOW_SECONDS,
      code: 'DOSSIER.LOOKUP_RATE_LIMITED',
      message: 'Too many wrong look-up keys from this address; retry in {seconds} s',
    };
    await assertRateLimitLeft(this.ds.manager, limit);
    const record = await this.dossiers.findByCode(code);
    if (!record || !lookupKeyMatches(key, record.extras.lookupKeyHash)) {
      await this.ds.transaction((m) => consumeRateLimit(m, limit));
      throw new DomainError('NOT_FOUND', 'DOSSIER.NOT_FOUND', 'No dossier matches this code and look-up key');
    }
    return record;
  }

  /**
   * The catalogue code of the supplement request a paused dossier waits on (its latest move into
   * SUPPLEMENT_REQUESTED), for the citizen's look-up: the code only, never the officer's note. Null when the
   * dossier is not waiting for a supplement, or the request predates reason codes.
   */
  async pendingSupplementReasonCode(record: DossierRecord): Promise<string | null> {
    if (record.state.status !== 'SUPPLEMENT_REQUESTED') return null;
    const requests = (await this.dossiers.history(record.state.id)).filter(
      (h) => h.to === 'SUPPLEMENT_REQUESTED',
    );
    return requests.at(-1)?.reasonCode ?? null;
  }
}
