/*
 * What the phases of the chaos run share (chaos.ts runs them in order): the options from the command line,
 * the private broker and PostgreSQL cluster, the run's database and Kafka clients, and the supervised services.
 */
import type { Admin, Kafka } from 'kafkajs';
import { num } from '../lib/common';
import { BenchDb, ServiceName } from '../lib/infra';
import type { NotifySetup } from './notify';
import type { PrivateKafka, PrivatePostgres } from './private-infra';
import type { Supervisor } from './supervisor';
import type { Url } from './traffic';

export const SERVICES: ServiceName[] = ['rating', 'queue', 'dossier', 'survey'];
/**
 * Every service the run starts (`instances` processes each) and SIGKILLs: the four and notify (issue #18 item
 * 6), whose peers (SMTP, SMPP) the harness runs (notify.ts). Figures and the fuzz cover SERVICES.
 */
export const RUN_SERVICES: ServiceName[] = [...SERVICES, 'notify'];
/** Topic and consumer-group prefix: the private broker holds nothing else, but the names stay recognisable. */
export const PREFIX = 'chaos.';
export const COMMUNES = ['CXA', 'CXB', 'CXC', 'CXD'];
export const COUNTERS = ['1', '2'];

export interface ChaosOptions {
  quick: boolean;
  /** Traffic stops once this many events are on the topics, or after `maxSeconds`, whichever comes first. */
  targetEvents: number;
  maxSeconds: number;
  killsPerService: number;
  malformed: number;
  fuzzCases: number;
  /** Client loops driving traffic side by side. */
  workers: number;
  /** Evict a killed service's dead consumer-group members at once instead of waiting out the session timeout. */
  evict: boolean;
  fuzzSeed?: number;
  build: boolean;
  kafkaPort: number;
  /** Undefined when no private cluster is possible or wanted (--no-private-pg): the shared server is used. */
  postgresPort?: number;
  /**
   * The first instance's port of the first service (queue; then dossier, survey, rating, notify); instance i
   * listens 100·i above, and notify's SMTP and SMPP peers on +24 and +25. Another value lets a second run
   * (with its own --kafka-port and --pg-port) share the machine with one on the defaults.
   */
  servicePort: number;
  /** Processes per service (issue #21 target 6: 2), on one database and the same consumer groups. */
  instances: number;
}

export function chaosOptions(
  args: Record<string, string | boolean>,
  privatePostgresPossible: boolean,
): ChaosOptions {
  const quick = Boolean(args.quick);
  return {
    quick,
    targetEvents: num(args, 'events', quick ? 15_000 : 200_000),
    maxSeconds: num(args, 'seconds', quick ? 90 : 3600),
    killsPerService: num(args, 'kills', 3),
    malformed: num(args, 'malformed', 1000),
    fuzzCases: num(args, 'fuzz-cases', quick ? 2000 : 10_000),
    // the traffic is latency-bound: 10 loops reach 200,000 events before the 3,600 s cap on 2 cores
    workers: num(args, 'workers', quick ? 6 : 10),
    evict: !args['no-evict'],
    fuzzSeed: args['fuzz-seed'] ? num(args, 'fuzz-seed', 0) : undefined,
    build: !args['no-build'],
    kafkaPort: num(args, 'kafka-port', Number(process.env.CHAOS_KAFKA_PORT ?? 29092)),
    postgresPort:
      privatePostgresPossible && !args['no-private-pg']
        ? num(args, 'pg-port', Number(process.env.CHAOS_PG_PORT ?? 25432))
        : undefined,
    servicePort: num(args, 'service-port', Number(process.env.CHAOS_SERVICE_PORT ?? 29501)),
    instances: num(args, 'instances', 2),
  };
}

/** The run as set up: every later phase reads it; only the supervisor and `notes` change during the run. */
export interface ChaosRun {
  options: ChaosOptions;
  /** Date.now() when the run began (the report's total seconds). */
  started: number;
  startedAt: string;
  command: string;
  kafkaServer: PrivateKafka;
  /** Absent where no private cluster can be made: the shared server is used and never restarted. */
  postgresServer?: PrivatePostgres;
  db: BenchDb;
  kafka: Kafka;
  admin: Admin;
  services: Supervisor;
  /** Notify's SMTP and SMPP peers and its keys. */
  notify: NotifySetup;
  url: Url;
  /** Caveats that go into the report as they are found. */
  notes: string[];
}
