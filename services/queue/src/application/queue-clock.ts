import { Injectable } from '@nestjs/common';

/**
 * The only source of "now" for queue decisions (issue, call, waits, day keys). Production uses the
 * system clock; integration tests replace `now` to script a morning at the office with exact times.
 */
@Injectable()
export class QueueClock {
  now(): Date {
    return new Date();
  }
}
