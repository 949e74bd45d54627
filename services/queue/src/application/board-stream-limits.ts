import { Inject, Injectable } from '@nestjs/common';
import { QUEUE_CONFIG, QueueConfig } from '../config';

/** Why a board stream was not admitted: its address has too many open, or this instance has. */
export type BoardStreamRefusal = 'ADDRESS_FULL' | 'INSTANCE_FULL';

/**
 * Admission of board streams on this instance: at most BOARD_STREAMS_PER_ADDRESS per client address and
 * BOARD_STREAMS_MAX in all. Counted before the stream reads anything from the database, so a refused one costs
 * nothing but the check; each admitted stream holds its place until its release runs (once, at the response's close).
 */
@Injectable()
export class BoardStreamLimits {
  private readonly perAddress = new Map<string, number>();
  private total = 0;

  constructor(@Inject(QUEUE_CONFIG) private readonly config: QueueConfig) {}

  /** A place for one stream from `address`, as the function that gives it back, or why there is none. */
  admit(address: string): (() => void) | BoardStreamRefusal {
    const held = this.perAddress.get(address) ?? 0;
    if (held >= this.config.BOARD_STREAMS_PER_ADDRESS) return 'ADDRESS_FULL';
    if (this.total >= this.config.BOARD_STREAMS_MAX) return 'INSTANCE_FULL';
    this.perAddress.set(address, held + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    };
  }

  /** Streams admitted and not yet released (metrics, tests). */
  get open(): number {
    return this.total;
  }
}
