import { Client, type ClientConfig } from 'pg';

/** Told about a lost connection that nothing else was listening to (see `guardedPgClient`). */
export type UnclaimedPgError = (err: Error & { code?: string }) => void;

/**
 * A pg `Client` class whose instances carry an 'error' listener from construction to the end, for the service's
 * pool (`extra.Client`) and its own short-lived clients.
 *
 * Without it a database restart could kill the process (exit 1, "Unhandled 'error' event", seen in the chaos
 * run): a connection the pool opens while PostgreSQL shuts down can bring its ReadyForQuery and the server's
 * FATAL 57P01 in the same read. pg parses both in one go: the ReadyForQuery completes the connect, the pool hands
 * the client to its caller (removing its idle listener), and the caller's own listener (TypeORM's query runner,
 * the LISTEN and outbox clients) is attached only when the promise resolves, after that read. The 57P01, with no
 * query running, is emitted as 'error' in between, with no listener. A raw `client.connect()` has the same gap.
 *
 * The listener only has to exist: such a client is no longer queryable, so its next statement fails (the caller
 * handles that as any database error) and the pool drops it on release. `onUnclaimed` hears the errors nobody
 * else listened to (the ones that would have crashed); the others reach their usual listener (the pool's idle
 * listener, a query runner, the LISTEN client) and are not reported twice.
 */
export function guardedPgClient(onUnclaimed: UnclaimedPgError = () => undefined): typeof Client {
  return class GuardedPgClient extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      this.on('error', (err: Error) => {
        if (this.listenerCount('error') === 1) onUnclaimed(err);
      });
    }
  };
}
