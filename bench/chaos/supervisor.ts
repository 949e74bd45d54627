/*
 * The chaos run's services as child processes, `instances` of each (issue #21 target 6: two) on one database
 * and the same consumer groups, each instance on its own port, supervised as an orchestrator would: an
 * instance that exits on its own (not one of our SIGKILLs, not the final stop) is restarted and counted, and
 * the report shows these unplanned exits. The clients' requests are spread over a service's instances, as a
 * load balancer with health checks would: round robin over the instances not known to be down.
 */
import { createServer } from 'node:net';
import type { Kafka } from 'kafkajs';
import { log, sleep } from '../lib/common';
import { CHAOS_SERVICE_PORTS, ServiceName, ServiceProcess, startServiceProcess, tail } from '../lib/infra';
import { PREFIX, RUN_SERVICES } from './context';
import { evictGroupMembers } from './private-infra';

/** Instance i of a service (0-based); its key is `queue#1`, `queue#2`, ... */
export interface Instance {
  s: ServiceName;
  i: number;
}
export const instanceKey = ({ s, i }: Instance) => `${s}#${i + 1}`;

export class Supervisor {
  private readonly processes = new Map<string, ServiceProcess>();
  /** Instances being SIGKILLed on purpose and restarted right now: down for the balancer, and their exit is not an exit on their own. */
  private readonly killing = new Set<string>();
  private readonly turn = new Map<ServiceName, number>();
  /**
   * What is being done to an instance (a planned kill and restart, or the restart after an exit on its own):
   * one thing at a time. Without it a planned kill that came while the instance was being restarted after an
   * exit started a second process on the same port; one of the two lost the port (EADDRINUSE, exit 1), the
   * other ran on unsupervised and answered the health checks of every restart after it (the CI run on c6b9afa:
   * dossier#2 "exited on its own" 32 times, the harness never exited).
   */
  private readonly busy = new Map<string, Promise<unknown>>();
  private stopping = false;
  /** Instances stopped for the rest of the run (`stopService`): never restarted. */
  private readonly stopped = new Set<string>();
  readonly exitsOnTheirOwn: Record<ServiceName, number> = Object.fromEntries(
    RUN_SERVICES.map((s) => [s, 0]),
  ) as Record<ServiceName, number>;

  constructor(
    private readonly o: {
      env: Record<string, string>;
      /** Settings only one service gets (notify's secrets). */
      envOf?: Partial<Record<ServiceName, Record<string, string>>>;
      kafka: Kafka;
      evict: boolean;
      instances: number;
      /** The first instance's port of queue (see ChaosOptions.servicePort). */
      servicePort: number;
    },
  ) {
    // However the harness ends — an uncaught error skips every finally — no instance outlives it holding its port.
    process.once('exit', () => {
      for (const p of this.processes.values()) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    });
  }

  get instances(): number {
    return this.o.instances;
  }

  portOf({ s, i }: Instance): number {
    return CHAOS_SERVICE_PORTS[s] - CHAOS_SERVICE_PORTS.queue + this.o.servicePort + 100 * i;
  }

  /** One instance's address (the board check addresses each). */
  readonly instanceUrl = (x: Instance) => `http://127.0.0.1:${this.portOf(x)}`;

  /** The next instance of `s` for a request: round robin over those up, or any when all are down. */
  readonly url = (s: ServiceName) => {
    const n = this.o.instances;
    const start = this.turn.get(s) ?? 0;
    this.turn.set(s, (start + 1) % n);
    for (let k = 0; k < n; k++) {
      const i = (start + k) % n;
      if (!this.killing.has(instanceKey({ s, i }))) return this.instanceUrl({ s, i });
    }
    return this.instanceUrl({ s, i: start });
  };

  /** Every instance of `s`. */
  all(s: ServiceName): Instance[] {
    return Array.from({ length: this.o.instances }, (_, i) => ({ s, i }));
  }

  /**
   * Starts an instance and waits until it is ready; retried, since a killed process's port can linger a moment.
   * Once the run is stopping nothing new is started: a process spawned after `stopAll`/`killAll` went over the
   * instances would outlive the harness and keep it from exiting (the CI run on c6b9afa hung until its timeout
   * behind an instance restarted in a loop).
   */
  async start(x: Instance): Promise<void> {
    const key = instanceKey(x);
    for (let attempt = 1; ; attempt++) {
      if (this.stopping || this.stopped.has(key)) return;
      const running = this.processes.get(key);
      if (running && running.child.exitCode === null && running.child.signalCode === null)
        throw new Error(`${key} is still running (pid ${running.pid}): not starting a second one`);
      await this.waitPortFree(x);
      const p = startServiceProcess(x.s, {
        env: { ...this.o.env, ...this.o.envOf?.[x.s], KAFKA_CLIENT_ID: this.clientId(x) },
        port: this.portOf(x),
        label: `chaos-${x.s}-${x.i + 1}`,
      });
      this.processes.set(key, p);
      try {
        // A start takes seconds on a quiet machine but minutes at load 40 (ten service processes, the broker,
        // PostgreSQL and other work on 2 cores): a shorter wait killed starts that were about to succeed.
        await p.waitReady(300_000);
        if (this.stopping) return void (await p.kill());
        this.supervise(x, p);
        return;
      } catch (e) {
        // a start during the broker/Postgres restart can fail too
        await p.kill().catch(() => undefined);
        if (attempt >= 5) throw e;
        await sleep(2000);
      }
    }
  }

  /**
   * SIGKILLs the given instances of one service together (`onKilled` runs once they are dead, even if a
   * restart then fails), evicts their dead group members (only theirs: a sibling left running keeps its
   * partitions), and restarts them after a pause of 0.3–1.8 s.
   */
  async crash(targets: Instance[], onKilled: () => void): Promise<void> {
    const keys = targets.map(instanceKey);
    await this.exclusive(keys, async () => {
      for (const k of keys) this.killing.add(k);
      try {
        await Promise.all(keys.map((k) => this.processes.get(k)!.kill('SIGKILL')));
        onKilled();
        if (this.o.evict) await this.evict(targets);
        await sleep(300 + Math.random() * 1500);
        await Promise.all(targets.map((x) => this.start(x)));
      } finally {
        for (const k of keys) this.killing.delete(k);
      }
    });
  }

  /** Runs `fn` once nothing else is being done to any of `keys`, and holds them until it has settled. */
  private async exclusive<T>(keys: string[], fn: () => Promise<T>): Promise<T> {
    const before = keys.flatMap((k) => this.busy.get(k) ?? []);
    const run = Promise.allSettled(before).then(fn);
    const settled = run.catch(() => undefined);
    for (const k of keys) this.busy.set(k, settled);
    try {
      return await run;
    } finally {
      for (const k of keys) if (this.busy.get(k) === settled) this.busy.delete(k);
    }
  }

  /**
   * A killed process's listening socket is gone once it is dead, but a process we do not know of may hold the
   * port: waited for a while, then refused with a clear message rather than started to fail with EADDRINUSE.
   */
  private async waitPortFree(x: Instance): Promise<void> {
    const port = this.portOf(x);
    for (let waited = 0; ; waited += 500) {
      const free = await new Promise<boolean>((resolve) => {
        const probe = createServer()
          .once('error', () => resolve(false))
          .listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
      });
      if (free) return;
      if (waited >= 15_000)
        throw new Error(`port ${port} of ${instanceKey(x)} is held by another process; not starting`);
      await sleep(500);
    }
  }

  /** The orderly end: SIGTERM, so each service drains and closes its connections. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const p of this.processes.values()) await p.stop().catch(() => undefined);
  }

  /**
   * Stops every instance of `s` for the rest of the run (SIGTERM, drained), once nothing else is being done to
   * them; they are not restarted, and `start` refuses them.
   */
  async stopService(s: ServiceName): Promise<void> {
    const keys = this.all(s).map(instanceKey);
    await this.exclusive(keys, async () => {
      for (const k of keys) this.stopped.add(k);
      for (const k of keys) await this.processes.get(k)?.stop();
    });
  }

  /** Whatever still runs after a failure. */
  async killAll(): Promise<void> {
    this.stopping = true;
    for (const p of this.processes.values()) await p.kill().catch(() => undefined);
  }

  private clientId({ s, i }: Instance): string {
    return `fg-${s}-${i + 1}`;
  }

  private supervise(x: Instance, p: ServiceProcess): void {
    const key = instanceKey(x);
    void p.exited.then(async (code) => {
      if (this.stopping || this.stopped.has(key) || this.killing.has(key) || this.processes.get(key) !== p)
        return;
      this.exitsOnTheirOwn[x.s]++;
      // Why it exited is in its log: the last lines go into the run's output, which CI keeps.
      log(`chaos: ${key} exited on its own (code ${code}); restarting. Its log ends:\n${tail(p.logFile, 8)}`);
      await this.exclusive([key], async () => {
        // a planned kill and restart may have come first
        if (this.stopping || this.processes.get(key) !== p) return;
        this.killing.add(key);
        try {
          if (this.o.evict) await this.evict([x]);
          await this.start(x);
        } catch (err) {
          log(`chaos: restarting ${key} after its exit failed: ${(err as Error).message}`);
        } finally {
          this.killing.delete(key);
        }
      });
    });
  }

  /** Eviction can fail while the broker restarts (coordinator loading): retried for up to ~15 s, then given up (the session timeout still applies). */
  private async evict(targets: Instance[]): Promise<void> {
    const groupPrefix = `${PREFIX}${targets[0].s}.`;
    for (let attempt = 1; ; attempt++) {
      try {
        await evictGroupMembers(
          this.o.kafka,
          groupPrefix,
          targets.map((x) => this.clientId(x)),
        );
        return;
      } catch (err) {
        if (attempt >= 15)
          return void log(`chaos: evicting ${groupPrefix}* members failed: ${(err as Error).message}`);
        await sleep(1000);
      }
    }
  }
}
