import { envInt, loadConfig, PlatformConfig } from '@fg/platform';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** A browser-facing base URL: `http(s)://host[:port]` and an optional path prefix, no trailing slash. */
const BASE_URL = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~-]+)*$/;
const message = (name: string) =>
  `${name} must be the service's URL as a browser reaches it, such as https://queue.example.gov.vn (no trailing slash)`;

/** Default of SCORE_RECOMPUTE_MIN_GAP_MS. */
export const DEFAULT_SCORE_RECOMPUTE_MIN_GAP_MS = 250;
/** Default of SCORE_RECOMPUTE_MAX_SHARE_PCT. */
export const DEFAULT_SCORE_RECOMPUTE_MAX_SHARE_PCT = 25;

/**
 * The rating service's own settings on top of the platform's; validated at start-up. The dashboard pages
 * (served here) read the statistics of the other services from the leader's browser: these are the URLs the
 * browser calls, and the CSP of the pages allows exactly their origins. Each of those services must list this
 * service's origin in its CORS_ORIGINS (`npm start` sets both).
 */
export class RatingConfig extends PlatformConfig {
  @IsOptional()
  @Matches(BASE_URL, { message: message('DASHBOARD_QUEUE_URL') })
  DASHBOARD_QUEUE_URL: string = 'http://127.0.0.1:3001';
  @IsOptional()
  @Matches(BASE_URL, { message: message('DASHBOARD_DOSSIER_URL') })
  DASHBOARD_DOSSIER_URL: string = 'http://127.0.0.1:3002';
  @IsOptional()
  @Matches(BASE_URL, { message: message('DASHBOARD_SURVEY_URL') })
  DASHBOARD_SURVEY_URL: string = 'http://127.0.0.1:3003';
  /**
   * Least time (ms) between two passes of the score worker, which recomputes the scores the consumers marked
   * and publishes `unit.score-changed`: how much later than the counters a published score may be.
   */
  @IsOptional() @Transform(envInt) @IsInt() @Min(0) @Max(10_000) SCORE_RECOMPUTE_MIN_GAP_MS: number =
    DEFAULT_SCORE_RECOMPUTE_MIN_GAP_MS;
  /**
   * Most of the wall time (percent) the score worker may spend in its passes: after a pass of d ms the next
   * begins at least d × 100 / share ms after it began (and never more than 10 s after), so a province-wide
   * recompute under a steady stream of writes leaves the database to the consumers and the dashboards.
   * 100 = only the minimum gap paces the worker.
   */
  @IsOptional() @Transform(envInt) @IsInt() @Min(1) @Max(100) SCORE_RECOMPUTE_MAX_SHARE_PCT: number =
    DEFAULT_SCORE_RECOMPUTE_MAX_SHARE_PCT;
}

export const RATING_CONFIG = Symbol('RATING_CONFIG');

export const loadRatingConfig = (): RatingConfig => loadConfig(RatingConfig);
