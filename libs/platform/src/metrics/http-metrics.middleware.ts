import type { NextFunction, Request, Response } from 'express';
import { platformMetrics } from './platform-metrics';

/** Records latency per route pattern (not per URL, which would explode label cardinality). */
export function httpMetricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const end = platformMetrics.httpDuration.startTimer();
  res.on('finish', () => {
    const route = (req.route?.path as string | undefined) ?? (res.statusCode === 404 ? 'unmatched' : req.baseUrl || 'other');
    end({ method: req.method, route, status: String(res.statusCode) });
  });
  next();
}
