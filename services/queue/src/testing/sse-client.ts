import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';

export interface SseEvent {
  id?: string;
  event: string;
  data: any;
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  next(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

/** Makes the Nest app listen on a free port (once) and returns it. */
export async function listen(app: INestApplication): Promise<number> {
  const server = app.getHttpServer() as http.Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A minimal EventSource over plain Node http: parses `id`, `event` and `data` lines. */
export function openSse(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path, headers: { Accept: 'text/event-stream', ...headers } },
      (res) => {
        const events: SseEvent[] = [];
        const waiters: { match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const e: Partial<SseEvent> = { event: 'message' };
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('id: ')) e.id = line.slice(4);
              else if (line.startsWith('event: ')) e.event = line.slice(7);
              else if (line.startsWith('data: ')) data.push(line.slice(6));
            }
            if (!data.length) continue; // retry: or a keep-alive comment
            const parsed = { ...e, data: JSON.parse(data.join('\n')) } as SseEvent;
            events.push(parsed);
            for (const w of [...waiters])
              if (w.match(parsed)) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve(parsed);
              }
          }
        });
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          events,
          next: (match, timeoutMs = 15000) => {
            const seen = events.find(match);
            if (seen) return Promise.resolve(seen);
            return new Promise((ok, fail) => {
              const timer = setTimeout(
                () =>
                  fail(
                    new Error(
                      `no matching SSE event within ${timeoutMs} ms; got ${events.map((x) => x.event).join(', ')}`,
                    ),
                  ),
                timeoutMs,
              );
              waiters.push({
                match,
                resolve: (x) => {
                  clearTimeout(timer);
                  ok(x);
                },
              });
            });
          },
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
  });
}
