import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { PlatformConfig } from '../config/platform-config';
import { PLATFORM_CONFIG } from '../config/tokens';

/** Headers a cross-origin page of an allowed origin may send (the preflight's Access-Control-Allow-Headers). */
const CORS_HEADERS = ['Authorization', 'Content-Type', 'X-Correlation-Id', 'If-None-Match'];

/** `CORS_ORIGINS` as a list: comma-separated origins (`https://host[:port]`), empty when unset. */
export const corsOrigins = (config: Pick<PlatformConfig, 'CORS_ORIGINS'>): string[] =>
  (config.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

/**
 * What every service answers about caching and cross-origin calls (issue #16):
 *
 * - CORS only for the origins of `CORS_ORIGINS` (default none: the office pages are served by the services
 *   themselves, same-origin). Without an allowed origin no `Access-Control-Allow-Origin` is sent, so another
 *   site's script cannot read an answer, even with a token it got hold of.
 * - `Cache-Control: no-store` on every `/api/` answer unless the route sets its own (the board stream, a
 *   dashboard's ETag answer): dossier details, look-up results and applicant data must not stay in a shared
 *   browser's or a proxy's cache. Set before the route runs, so error answers carry it too.
 */
export function applyHttpHygiene(app: INestApplication): void {
  const origins = corsOrigins(app.get<PlatformConfig>(PLATFORM_CONFIG, { strict: false }));
  if (origins.length)
    app.enableCors({
      origin: origins,
      allowedHeaders: CORS_HEADERS,
      // A page of an allowed origin reads an export's file name (issue #20 item 2).
      exposedHeaders: ['Content-Disposition'],
      maxAge: 600,
      credentials: false,
    });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
    next();
  });
}
