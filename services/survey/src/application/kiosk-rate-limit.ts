import { Inject, Injectable } from '@nestjs/common';
import { consumeRateLimit } from '@fg/platform';
import { EntityManager } from 'typeorm';
import { SURVEY_CONFIG, SurveyConfig } from '../config';

/**
 * Responses without an invitation, counted per author with the platform's `consumeRateLimit` (in Postgres,
 * so the limits hold across instances). Each hit is counted in the transaction that stores the response: a
 * refused request (invalid body, unit out of scope, unknown survey, over the limit) rolls it back and writes
 * nothing.
 */
@Injectable()
export class KioskRateLimit {
  constructor(@Inject(SURVEY_CONFIG) private readonly config: SurveyConfig) {}

  /** Per kiosk device: the kiosk token's `sub`, not the IP (an office's kiosks often share one NAT address). */
  consume(m: EntityManager, deviceId: string): Promise<void> {
    return consumeRateLimit(m, {
      key: `device:${deviceId}`,
      limit: this.config.SURVEY_KIOSK_LIMIT,
      windowSeconds: this.config.SURVEY_KIOSK_WINDOW_SECONDS,
      code: 'SURVEY.KIOSK_RATE_LIMITED',
      message: 'Too many responses from this kiosk; retry in {seconds} s',
    });
  }

  /** Per staff member typing in paper forms (the token's `sub`): a stack of forms, not a flood of them. */
  consumePaper(m: EntityManager, enteredBy: string): Promise<void> {
    return consumeRateLimit(m, {
      key: `paper:${enteredBy}`,
      limit: this.config.SURVEY_PAPER_LIMIT,
      windowSeconds: this.config.SURVEY_PAPER_WINDOW_SECONDS,
      code: 'SURVEY.PAPER_RATE_LIMITED',
      message: 'Too many paper forms typed in by this account; retry in {seconds} s',
    });
  }
}
