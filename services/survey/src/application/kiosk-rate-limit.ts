import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@fg/platform';
import { EntityManager } from 'typeorm';
import { SURVEY_CONFIG, SurveyConfig } from '../config';

/**
 * Kiosk responses per device (the kiosk token's `sub`, not the IP: an office's kiosks often share one NAT
 * address) per fixed window, counted in Postgres so the limit holds across instances. The hit is counted in
 * the transaction that stores the response: a refused request (invalid body, unit out of scope, unknown
 * survey, over the limit) rolls it back and writes nothing; the counter row's lock makes one device's
 * concurrent responses count one by one.
 */
@Injectable()
export class KioskRateLimit {
  constructor(@Inject(SURVEY_CONFIG) private readonly config: SurveyConfig) {}

  async consume(m: EntityManager, deviceId: string): Promise<void> {
    const windowMs = this.config.SURVEY_KIOSK_WINDOW_SECONDS * 1000;
    const [row]: { hits: number; seconds_left: number }[] = await m.query(
      /* sql */ `INSERT INTO rate_limit_windows AS w (key, hits, window_ends) VALUES ($1, 1, now() + $2 * interval '1 millisecond')
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN w.window_ends <= now() THEN 1 ELSE w.hits + 1 END,
          window_ends = CASE WHEN w.window_ends <= now() THEN now() + $2 * interval '1 millisecond' ELSE w.window_ends END
        RETURNING hits, greatest(1, ceil(extract(epoch FROM w.window_ends - now())))::int AS seconds_left`,
      [`device:${deviceId}`, windowMs],
    );
    if (row.hits > this.config.SURVEY_KIOSK_LIMIT) {
      throw new DomainError(
        'TOO_MANY',
        'SURVEY.KIOSK_RATE_LIMITED',
        `Too many responses from this kiosk; retry in ${row.seconds_left} s`,
        {
          retryAfterSeconds: row.seconds_left,
        },
      );
    }
  }
}
