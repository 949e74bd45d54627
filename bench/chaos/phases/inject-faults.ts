/*
 * Inject faults, while the traffic runs: each service is SIGKILLed `killsPerService` times and restarted, the
 * broker is restarted once and PostgreSQL once, and `malformed` malformed messages are injected. The moments
 * are fractions of the run's progress, in lanes that run side by side: each service's kills in order (a kill
 * waits for the previous restart of that service), the broker restart, the PostgreSQL restart, the injection.
 */
import { fmt, log, sleep } from '../../lib/common';
import { ServiceName } from '../../lib/infra';
import { ChaosOptions, ChaosRun, RUN_SERVICES } from '../context';
import { InjectedMessage, injectMalformed } from '../malformed';
import type { Traffic } from './drive';

export interface TimelineEntry {
  /** Seconds since the traffic started. */
  at: number;
  what: string;
  seconds?: number;
  failed?: string;
}

export interface FaultLog {
  timeline: TimelineEntry[];
  injected: InjectedMessage[];
  kills: Record<string, number>;
  restarts: { kafka: number; postgres: number };
  /** From each SIGKILL to its service being ready again. */
  restartSeconds: number[];
}

type Fault = { what: string; at: number };

/** Each service's kills at random moments between 5 % and 85 % of the run; the rest at fixed moments. */
function schedule(options: ChaosOptions, withPostgres: boolean): Fault[][] {
  const lanes: Fault[][] = RUN_SERVICES.map((s) =>
    Array.from({ length: options.killsPerService }, () => ({
      what: `kill:${s}`,
      at: 0.05 + 0.8 * Math.random(),
    })).sort((a, b) => a.at - b.at),
  );
  lanes.push([{ what: 'restart:kafka', at: 0.35 }]);
  if (withPostgres) lanes.push([{ what: 'restart:postgres', at: 0.65 }]);
  lanes.push([{ what: 'inject:malformed', at: 0.5 }]);
  return lanes;
}

/** Returns once every fault of the schedule was done or failed (a failure is in the timeline, not thrown). */
export async function injectFaults(run: ChaosRun, traffic: Traffic): Promise<FaultLog> {
  const { options, services, kafkaServer, postgresServer } = run;
  const faults: FaultLog = {
    timeline: [],
    injected: [],
    kills: Object.fromEntries(RUN_SERVICES.map((s) => [s, 0])),
    restarts: { kafka: 0, postgres: 0 },
    restartSeconds: [],
  };
  const inflict = async (kind: string, target: string, began: number): Promise<void> => {
    if (kind === 'kill') {
      const s = target as ServiceName;
      await services.crash(s, () => faults.kills[s]++);
      faults.restartSeconds.push((Date.now() - began) / 1000);
    } else if (target === 'kafka') {
      await kafkaServer.stop();
      await sleep(2000);
      await kafkaServer.start();
      faults.restarts.kafka++;
    } else if (target === 'postgres') {
      postgresServer!.restart();
      faults.restarts.postgres++;
    } else if (kind === 'inject') {
      faults.injected.push(...(await injectMalformed(run.kafka, options.malformed)));
    }
  };
  const runLane = async (lane: Fault[]) => {
    for (const fault of lane) {
      while (traffic.progress() < fault.at) await sleep(200);
      const [kind, target] = fault.what.split(':');
      const at = (Date.now() - traffic.startedAt) / 1000;
      const began = Date.now();
      try {
        await inflict(kind, target, began);
        faults.timeline.push({ at, what: fault.what, seconds: (Date.now() - began) / 1000 });
        const { truth } = traffic;
        log(
          `chaos ${at.toFixed(1)}s: ${fault.what} done in ${((Date.now() - began) / 1000).toFixed(1)} s; ${fmt(traffic.produced())} events; accepted so far: ${truth.dossiers.size} dossiers, ${truth.tickets.size} tickets, ${truth.responses.length} responses; ${truth.requests.inDoubt} in doubt`,
        );
      } catch (err) {
        faults.timeline.push({ at, what: fault.what, failed: (err as Error).message });
        log(`chaos ${at.toFixed(1)}s: ${fault.what} FAILED: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(schedule(options, Boolean(postgresServer)).map(runLane));
  return faults;
}
