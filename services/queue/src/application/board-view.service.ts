import { Injectable } from '@nestjs/common';
import { toLocalDate } from '@fg/kernel';
import { BoardRepository } from '../persistence/board.repository';
import { BoardDossiersService } from './board-dossiers.service';
import { QueueClock } from './queue-clock';

/**
 * The board as the projection has it. `lastEventId` is read first, so a stream opened from it may
 * repeat a change already in the snapshot but never misses one (each change carries the state it
 * leaves, so applying one twice is harmless).
 */
@Injectable()
export class BoardViewService {
  constructor(
    private readonly board: BoardRepository,
    private readonly clock: QueueClock,
    private readonly dossiers: BoardDossiersService,
  ) {}

  async snapshot(unitCode: string) {
    const lastEventId = await this.board.lastSeq(unitCode);
    const now = this.clock.now();
    const localDay = toLocalDate(now);
    const [counters, lastCalls, waiting, dossiers] = await Promise.all([
      this.board.counters(unitCode),
      this.board.lastCalls(unitCode, 10),
      this.board.waiting(unitCode, localDay),
      this.dossiers.figures(unitCode, now),
    ]);
    return { unitCode, localDay, lastEventId, counters, lastCalls, waiting, dossiers };
  }

  /** Resumable from `seq` when every change after it is still in the board log (it keeps 3 days). */
  async canResume(unitCode: string, seq: number): Promise<boolean> {
    const last = await this.board.lastSeq(unitCode);
    if (seq > last) return false;
    if (seq === last) return true;
    const oldest = await this.board.oldestSeq(unitCode);
    return oldest !== null && oldest <= seq + 1;
  }
}
