import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '@fg/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { dossierFactOf, dossierFigures, DossierFigures, figurePeriods } from '../domain/dossier-figures';
import { BoardDossiersRepository } from '../persistence/board-dossiers.repository';
import { BoardRepository } from '../persistence/board.repository';

/** The board log's change type that carries a unit's fresh dossier figures (`dossiers`). */
export const DOSSIERS_CHANGED = 'dossiers.changed';

/**
 * The board's dossier figures (issue #17 item 3): applies `dossier.events.v1` to the queue service's own copy
 * of the dossiers and pushes the unit's fresh figures onto its board log, so boards see them live over the
 * board stream. Read at query time too (the board JSON), so a day or month that turns, and a dossier that
 * becomes overdue without an event, are counted right whenever a board asks.
 */
@Injectable()
export class BoardDossiersService {
  constructor(
    private readonly dossiers: BoardDossiersRepository,
    private readonly board: BoardRepository,
    private readonly ds: DataSource,
  ) {}

  async figures(
    unitCode: string,
    now: Date,
    db: EntityManager | DataSource = this.ds,
  ): Promise<DossierFigures> {
    const periods = figurePeriods(now);
    const { today, month, overdue } = await this.dossiers.counts(unitCode, periods, db);
    return dossierFigures(now, periods, today, month, overdue);
  }

  /** One consumer batch, in its inbox transaction: the copy's writes and one board change per unit touched. */
  async apply(events: DomainEvent[], m: EntityManager, now = new Date()): Promise<void> {
    const units = new Set<string>();
    for (const e of events) {
      const fact = dossierFactOf(e.type, e.data);
      if (!fact || !e.unitcode) continue;
      await this.dossiers.apply(m, e.unitcode, fact);
      units.add(e.unitcode);
    }
    await this.publish([...units], m, now);
  }

  /** Appends a `dossiers.changed` change with the unit's figures as they stand in `m`'s transaction. */
  async publish(unitCodes: string[], m: EntityManager, now = new Date()): Promise<void> {
    for (const unitCode of [...new Set(unitCodes)].sort()) {
      const dossiers = await this.figures(unitCode, now, m);
      await this.board.appendMany(m, unitCode, [
        { type: DOSSIERS_CHANGED, payload: { type: DOSSIERS_CHANGED, at: now.toISOString(), dossiers } },
      ]);
    }
  }
}
