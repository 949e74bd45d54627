import { platformMetrics } from './platform-metrics';

interface RoutedRequest {
  method?: string;
  route?: { path?: unknown };
  baseUrl?: string;
}

/** Route pattern for the latency metric: never the URL, which would explode label cardinality. */
export function routeLabel(req: RoutedRequest, statusCode: number): string {
  const path = req.route?.path;
  return typeof path === 'string' ? path : statusCode === 404 ? 'unmatched' : req.baseUrl || 'other';
}

/** Records one answered request in `http_request_duration_seconds{method,route,status}`. */
export function recordHttpDuration(req: RoutedRequest, statusCode: number, seconds: number): void {
  platformMetrics.httpDuration.observe(
    { method: req.method ?? 'OTHER', route: routeLabel(req, statusCode), status: String(statusCode) },
    seconds,
  );
}
