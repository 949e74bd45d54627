/*
 * The chaos run's four services as child processes on fixed ports, supervised as an orchestrator would: a
 * service that exits on its own (not one of our SIGKILLs, not the final stop) is restarted and counted, and
 * the report shows these unplanned exits.
 */
import type { Kafka } from 'kafkajs';
import { log, sleep } from '../lib/common';
import { CHAOS_SERVICE_PORTS, ServiceName, ServiceProcess, startServiceProcess } from '../lib/infra';
import { PREFIX, RUN_SERVICES } from './context';
import { evictGroupMembers } from './private-infra';

export class Supervisor {
  private readonly processes = new Map<ServiceName, ServiceProcess>();
  /** Services being SIGKILLed on purpose right now: their exit is not an exit on their own. */
  private readonly killing = new Set<ServiceName>();
  private stopping = false;
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
    },
  ) {}

  readonly url = (s: ServiceName) => `http://127.0.0.1:${CHAOS_SERVICE_PORTS[s]}`;

  /** Starts `s` and waits until it is ready; retried, since a killed process's port can linger a moment. */
  async start(s: ServiceName): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const p = startServiceProcess(s, {
        env: { ...this.o.env, ...this.o.envOf?.[s] },
        port: CHAOS_SERVICE_PORTS[s],
        label: `chaos-${s}`,
      });
      this.processes.set(s, p);
      try {
        await p.waitReady(120_000);
        this.supervise(s, p);
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
   * SIGKILLs `s` (`onKilled` runs once it is dead, even if the restart then fails), evicts its dead group
   * members, and restarts it after a pause of 0.3–1.8 s.
   */
  async crash(s: ServiceName, onKilled: () => void): Promise<void> {
    this.killing.add(s);
    try {
      await this.processes.get(s)!.kill('SIGKILL');
      onKilled();
      if (this.o.evict) await this.evict(s);
      await sleep(300 + Math.random() * 1500);
      await this.start(s);
    } finally {
      this.killing.delete(s);
    }
  }

  /** The orderly end: SIGTERM, so each service drains and closes its connections. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const p of this.processes.values()) await p.stop().catch(() => undefined);
  }

  /** Whatever still runs after a failure. */
  async killAll(): Promise<void> {
    this.stopping = true;
    for (const p of this.processes.values()) await p.kill().catch(() => undefined);
  }

  private supervise(s: ServiceName, p: ServiceProcess): void {
    void p.exited.then(async (code) => {
      if (this.stopping || this.killing.has(s) || this.processes.get(s) !== p) return;
      this.exitsOnTheirOwn[s]++;
      log(`chaos: ${s} exited on its own (code ${code}); restarting`);
      if (this.o.evict) await this.evict(s);
      void this.start(s).catch((err) =>
        log(`chaos: restarting ${s} after its exit failed: ${(err as Error).message}`),
      );
    });
  }

  /** Eviction can fail while the broker restarts (coordinator loading): retried for up to ~15 s, then given up (the session timeout still applies). */
  private async evict(s: ServiceName): Promise<void> {
    const groupPrefix = `${PREFIX}${s}.`;
    for (let attempt = 1; ; attempt++) {
      try {
        await evictGroupMembers(this.o.kafka, groupPrefix);
        return;
      } catch (err) {
        if (attempt >= 15)
          return void log(`chaos: evicting ${groupPrefix}* members failed: ${(err as Error).message}`);
        await sleep(1000);
      }
    }
  }
}
