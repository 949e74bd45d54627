import type { Socket } from 'node:net';
import type { StatsCache } from '../database/stats-cache';

/**
 * Holds back everything a started `StatsCache`'s LISTEN connection receives (its socket paused): a commit's
 * NOTIFY, and the answer of a round trip, wait in the socket until `release()`. A spec proves with it that a read
 * after a local commit waits for that commit's notification instead of relying on it having arrived.
 */
export function holdNotifications(cache: StatsCache): { release(): void } {
  const listener = (cache as unknown as { listener?: { client?: { connection: { stream: Socket } } } })
    .listener;
  const socket = listener?.client?.connection.stream;
  if (!socket) throw new Error('holdNotifications: the cache is not subscribed');
  socket.pause();
  return { release: () => socket.resume() };
}
