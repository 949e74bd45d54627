import { Injectable } from '@nestjs/common';
import { LocalUnitsRepository } from '@fg/platform';
import { ResponseRepository, type CommentRow } from '../persistence/response.repository';
import { resolvePeriod } from './period';

/** Free-text answers: stored only in this service, never on the bus, read by the unit's staff. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly responses: ResponseRepository,
    private readonly units: LocalUnitsRepository,
  ) {}

  /** A page of a unit's comments (with its descendants' when asked) in the period, newest first. */
  async list(
    unitCode: string,
    q: { from?: string; to?: string; includeDescendants?: boolean; limit: number; offset: number },
  ): Promise<{ from: string; to: string; items: CommentRow[]; total: number }> {
    const period = resolvePeriod(q.from, q.to, new Date());
    const units = q.includeDescendants ? await this.units.subtree(unitCode) : [unitCode];
    const [items, total] = await this.responses.comments({
      units,
      ...period,
      limit: q.limit,
      offset: q.offset,
    });
    return { ...period, items, total };
  }
}
