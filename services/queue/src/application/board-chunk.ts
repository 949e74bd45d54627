import type { EntityManager } from 'typeorm';
import { BoardRepository } from '../persistence/board.repository';

/**
 * State the board consumer keeps while applying one chunk of events: the waiting counts of each
 * (unit, day) it touched, read once and then adjusted in memory as tickets come and go, and the
 * board-log entries, written per unit in one statement at the end. A chunk of N events thus costs
 * about N small writes instead of N × (count query + log insert), which keeps a rebuild fast.
 */
export class BoardChunk {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly entries = new Map<string, { type: string; payload: object }[]>();

  constructor(
    private readonly m: EntityManager,
    private readonly board: BoardRepository,
  ) {}

  /**
   * Call right after a waiting row was added (+1) or removed (-1). The first time a (unit, day) is
   * touched its counts are read from the database, which in this transaction already includes the
   * change just made, so the delta is applied only to counts read earlier.
   */
  async adjust(unitCode: string, localDay: string, serviceCode: string, delta: number): Promise<void> {
    const key = `${unitCode}|${localDay}`;
    const counts = this.counts.get(key);
    if (!counts) {
      await this.load(unitCode, localDay);
      return;
    }
    counts.set(serviceCode, Math.max(0, (counts.get(serviceCode) ?? 0) + delta));
  }

  async waiting(unitCode: string, localDay: string): Promise<{ serviceCode: string; waiting: number }[]> {
    const counts = await this.load(unitCode, localDay);
    return [...counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([serviceCode, waiting]) => ({ serviceCode, waiting }));
  }

  push(unitCode: string, type: string, payload: object): void {
    const list = this.entries.get(unitCode) ?? [];
    list.push({ type, payload });
    this.entries.set(unitCode, list);
  }

  async flush(): Promise<void> {
    for (const [unit, list] of this.entries) await this.board.appendMany(this.m, unit, list);
  }

  private async load(unitCode: string, localDay: string): Promise<Map<string, number>> {
    const key = `${unitCode}|${localDay}`;
    let counts = this.counts.get(key);
    if (!counts) {
      const rows = await this.board.waiting(unitCode, localDay, this.m);
      counts = new Map(rows.map((r) => [r.serviceCode, r.waiting]));
      this.counts.set(key, counts);
    }
    return counts;
  }
}
