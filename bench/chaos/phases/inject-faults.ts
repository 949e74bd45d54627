/*
 * Inject faults, while the traffic runs: each service is SIGKILLed `killsPerService` times and restarted — with
 * two instances, one kill takes both down together and the others one instance each, alternating — the
 * broker is restarted once and PostgreSQL once, and `malformed` malformed messages are injected. The moments
 * are fractions of the run's progress, in lanes that run side by side: each service's kills in order (a kill
 * waits for the previous restart of that service), the broker restart, the PostgreSQL restart, the injection.
 */
import { fmt, log, sleep } from '../../lib/common';
import { ServiceName } from '../../lib/infra';
import { ChaosOptions, ChaosRun, RUN_SERVICES } from '../context';
import { InjectedMessage, injectMalformed } from '../malformed';
import { Instance, instanceKey } from '../supervisor';
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
  /** Kills per service (one kill may take several instances down together). */
  kills: Record<string, number>;
  /** SIGKILLs per instance (`queue#1`), and kills that took every instance of a service down at once. */
  instanceKills: Record<string, number>;
  allInstancesKills: Record<string, number>;
  restarts: { kafka: number; postgres: number };
  /** From each SIGKILL to its service being ready again. */
  restartSeconds: number[];
}

type Fault = { what: string; at: number };

/**
 * Which instances each kill of a service takes down (`all`, or an instance's number): with several instances
 * the first kill takes them all (the service is unavailable, as with one process) and the rest take one each
 * in turn, so its siblings keep serving; the order is shuffled.
 */
export function killTargets(kills: number, instances: number): string[] {
  const targets = Array.from({ length: kills }, (_, k) =>
    instances === 1 ? '1' : k === 0 ? 'all' : String(((k - 1) % instances) + 1),
  );
  for (let k = targets.length - 1; k > 0; k--) {
    const j = Math.floor(Math.random() * (k + 1));
    [targets[k], targets[j]] = [targets[j], targets[k]];
  }
  return targets;
}

/** Each service's kills at random moments between 5 % and 85 % of the run; the rest at fixed moments. */
function schedule(options: ChaosOptions, withPostgres: boolean, instances: number): Fault[][] {
  const lanes: Fault[][] = RUN_SERVICES.map((s) => {
    const targets = killTargets(options.killsPerService, instances);
    const moments = targets.map(() => 0.05 + 0.8 * Math.random()).sort((a, b) => a - b);
    return targets.map((t, k) => ({ what: `kill:${s}#${t}`, at: moments[k] }));
  });
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
    instanceKills: Object.fromEntries(
      RUN_SERVICES.flatMap((s) => services.all(s)).map((x) => [instanceKey(x), 0]),
    ),
    allInstancesKills: Object.fromEntries(RUN_SERVICES.map((s) => [s, 0])),
    restarts: { kafka: 0, postgres: 0 },
    restartSeconds: [],
  };
  const inflict = async (kind: string, target: string, began: number): Promise<void> => {
    if (kind === 'kill') {
      const [name, which] = target.split('#');
      const s = name as ServiceName;
      const targets: Instance[] = which === 'all' ? services.all(s) : [{ s, i: Number(which) - 1 }];
      await services.crash(targets, () => {
        faults.kills[s]++;
        for (const x of targets) faults.instanceKills[instanceKey(x)]++;
        if (which === 'all') faults.allInstancesKills[s]++;
      });
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
  await Promise.all(schedule(options, Boolean(postgresServer), services.instances).map(runLane));
  return faults;
}
