/*
 * A private Kafka broker and a private PostgreSQL cluster for the chaos run, so restarting them never disturbs
 * the shared ones other engineers' tests use. The broker reuses the jars scripts/kafka/kafka.mjs fetched (it
 * is run once with `ensure` when they are missing) but has its own port, data dir and pid; scripts/kafka's
 * stop/ensure with KAFKA_PORT is NOT used: it shares one pid file and one data dir between ports, so a second
 * broker started through it would stop the shared one.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { kafkaVersion, log, REPO, sleep } from '../lib/common';
import type { Kafka } from 'kafkajs';
import { kafkaClient, localKafkaCredentials } from '../lib/infra';

const HOST = '127.0.0.1';

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ port, host: HOST });
    s.setTimeout(1000, () => (s.destroy(), resolve(false)));
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

/**
 * .cache/<name> on the default port, .cache/<name>-<port> on another: a second run on other ports (CI's and a
 * developer's side by side) must not wipe or share the first one's broker log or cluster.
 */
const privateDir = (name: string, port: number, defaultPort: number) =>
  path.join(REPO, '.cache', port === defaultPort ? name : `${name}-${port}`);

export class PrivateKafka {
  private child?: ChildProcess;
  readonly dir: string;
  // Below the kernel's ephemeral range (32768–60999): a port in it can be taken by any outgoing connection.
  constructor(readonly port = 29092) {
    this.dir = privateDir('bench-kafka', port, 29092);
  }
  get brokers() {
    return `${HOST}:${this.port}`;
  }

  private jarsDir(): string {
    const v = kafkaVersion();
    const jars = path.join(REPO, '.cache', 'kafka', v, 'jars');
    if (!fs.existsSync(path.join(REPO, '.cache', 'kafka', v, 'jars.complete'))) {
      // Only the jars: `ensure` would reuse a broker already serving 9092 (someone else's) without fetching them.
      const kafkaMjs = path.join(REPO, 'scripts/kafka/kafka.mjs');
      log('chaos: Kafka jars missing: fetching them (scripts/kafka/kafka.mjs fetch)');
      execFileSync(process.execPath, [kafkaMjs, 'fetch'], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
    return jars;
  }

  async start(): Promise<void> {
    if (await portOpen(this.port)) throw new Error(`port ${this.port} is taken; set CHAOS_KAFKA_PORT`);
    const jars = this.jarsDir();
    const data = path.join(this.dir, 'data');
    fs.mkdirSync(this.dir, { recursive: true });
    // The same security as the project's broker (scripts/kafka/kafka.mjs: SASL/SCRAM, ACLs, its dev passwords),
    // so the run proves the services work under their own principals; the harness connects as admin.
    const security = JSON.parse(
      execFileSync(
        process.execPath,
        [path.join(REPO, 'scripts/kafka/kafka.mjs'), 'config', String(this.port)],
        {
          encoding: 'utf8',
        },
      ),
    ) as { settings: Record<string, string>; formatArgs: string[]; clusterId: string };
    process.env.KAFKA_SASL_USERNAME = 'admin';
    process.env.KAFKA_SASL_PASSWORD = localKafkaCredentials().admin;
    const props: Record<string, string> = {
      ...security.settings,
      'auto.create.topics.enable': 'false',
      'log.dirs': data,
    };
    const propsFile = path.join(this.dir, 'server.properties');
    fs.writeFileSync(
      propsFile,
      Object.entries(props)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n') + '\n',
    );
    const log4j = path.join(this.dir, 'log4j2.properties');
    fs.writeFileSync(
      log4j,
      [
        'status = warn',
        'appender.out.type = Console',
        'appender.out.name = OUT',
        'appender.out.layout.type = PatternLayout',
        'appender.out.layout.pattern = [%d] %p %m (%c)%n',
        'rootLogger.level = warn',
        'rootLogger.appenderRef.out.ref = OUT',
        '',
      ].join('\n'),
    );
    if (!fs.existsSync(path.join(data, 'meta.properties'))) {
      const r = spawnSync(
        'java',
        [
          '-Xmx256m',
          '-cp',
          `${jars}/*`,
          `-Dlog4j2.configurationFile=${log4j}`,
          'kafka.tools.StorageTool',
          'format',
          '-t',
          security.clusterId,
          '-c',
          propsFile,
          ...security.formatArgs,
        ],
        { encoding: 'utf8' },
      );
      if (r.status !== 0) throw new Error(`formatting the private broker's storage failed: ${r.stderr}`);
    }
    const out = fs.openSync(path.join(this.dir, 'broker.log'), 'a');
    this.child = spawn(
      'java',
      [
        '-Xmx512m',
        '-XX:+ExitOnOutOfMemoryError',
        `-Dlog4j2.configurationFile=${log4j}`,
        '-cp',
        `${jars}/*`,
        'kafka.Kafka',
        propsFile,
      ],
      {
        stdio: ['ignore', out, out],
      },
    );
    fs.closeSync(out);
    const child = this.child;
    // An uncaught error in the harness skips tearDown: the broker must not outlive it holding its port.
    process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
    const started = Date.now();
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`private broker exited; see ${this.dir}/broker.log`);
      if (await portOpen(this.port)) {
        const admin = kafkaClient(this.brokers, 'chaos-probe').admin();
        try {
          await admin.connect();
          await admin.describeCluster();
          await admin.describeGroups(['chaos-warmup']); // loads the group coordinator (see kafka.mjs)
          await admin.disconnect();
          break;
        } catch {
          await admin.disconnect().catch(() => undefined);
        }
      }
      // 15–30 s on a quiet machine; 90 s was not enough with ten service processes beside it at load 30.
      if (Date.now() - started > 240_000) throw new Error('private broker not ready in 240 s');
      await sleep(300);
    }
    log(
      `chaos: private Kafka ${kafkaVersion()} on ${this.brokers} (pid ${this.child.pid}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    c.kill('SIGTERM');
    const t = setTimeout(() => c.kill('SIGKILL'), 30_000);
    await new Promise((r) => c.once('exit', r));
    clearTimeout(t);
  }

  async wipe(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A private PostgreSQL cluster (initdb into .cache/bench-pg, run as the postgres OS user when we are root). */
export class PrivatePostgres {
  readonly dir: string;
  readonly data: string;
  private bin = '';
  constructor(readonly port = 25432) {
    this.dir = privateDir('bench-pg', port, 25432);
    this.data = path.join(this.dir, 'data');
  }
  get adminUrl() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static available(): boolean {
    return Boolean(PrivatePostgres.findBin());
  }

  private static findBin(): string {
    try {
      const b = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
      if (fs.existsSync(path.join(b, 'initdb')) && fs.existsSync(path.join(b, 'pg_ctl'))) return b;
    } catch {
      /* no pg_config */
    }
    const base = '/usr/lib/postgresql';
    if (fs.existsSync(base)) {
      for (const v of fs.readdirSync(base).sort().reverse()) {
        const b = path.join(base, v, 'bin');
        if (fs.existsSync(path.join(b, 'initdb')) && fs.existsSync(path.join(b, 'pg_ctl'))) return b;
      }
    }
    return '';
  }

  private run(cmd: string, args: string[]): void {
    const asRoot = process.getuid?.() === 0;
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(this.bin, cmd), ...args]]
      : [path.join(this.bin, cmd), args];
    const r = spawnSync(file, argv, { encoding: 'utf8', cwd: '/tmp' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stdout}\n${r.stderr}`);
  }

  async start(): Promise<void> {
    this.bin = PrivatePostgres.findBin();
    if (!this.bin) throw new Error('initdb/pg_ctl not found');
    if (await portOpen(this.port)) throw new Error(`port ${this.port} is taken; set CHAOS_PG_PORT`);
    fs.mkdirSync(this.dir, { recursive: true });
    if (process.getuid?.() === 0) spawnSync('chown', ['-R', 'postgres', this.dir]);
    if (!fs.existsSync(path.join(this.data, 'PG_VERSION')))
      this.run('initdb', ['-D', this.data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      path.join(this.dir, 'postgres.log'),
      '-o',
      `-p ${this.port} -k /tmp -c max_connections=300 -c fsync=on`,
      '-w',
      'start',
    ]);
    // An uncaught error or a signal skips tearDown: the cluster must not outlive the harness on its port.
    process.once('exit', () => this.stop());
    log(`chaos: private PostgreSQL on port ${this.port} (${this.data})`);
  }

  restart(): void {
    // -l: without a log file the restarted postmaster inherits our stdout pipe and spawnSync never returns.
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      path.join(this.dir, 'postgres.log'),
      '-m',
      'fast',
      '-w',
      '-o',
      `-p ${this.port} -k /tmp -c max_connections=300 -c fsync=on`,
      'restart',
    ]);
  }

  stop(): void {
    try {
      this.run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
    } catch {
      /* not running */
    }
  }
}

/**
 * Removes the members of the given consumer groups from their groups (a LeaveGroup sent on their behalf), for
 * a process that was SIGKILLed and so never left. Without it, the restarted process's consumers wait in
 * JoinGroup until the coordinator expires the dead members (the platform's 30 s session timeout), and the
 * service only listens for HTTP once its consumers have joined, so every restart took ~30 s. An orchestrator
 * cannot do this; it is the harness standing in for a shorter session timeout, and `--no-evict` turns it off.
 * kafkajs's admin has no LeaveGroup for foreign members, so this uses the client's cluster object (the broker
 * accepts LeaveGroup by member id for dynamic members, as the Java AdminClient's removeMembersFromConsumerGroup does).
 */
export async function evictGroupMembers(
  kafka: Kafka,
  groupPrefix: string,
  /** Only the members of these client ids (the killed instances'); all when absent. */
  clientIds?: string[],
): Promise<number> {
  const sym = Object.getOwnPropertySymbols(kafka).find((s) => String(s).includes('createCluster'));
  if (!sym) throw new Error('kafkajs internals changed: no createCluster');
  const admin = kafka.admin();
  await admin.connect();
  const cluster = (kafka as any)[sym]({ allowAutoTopicCreation: false });
  await cluster.connect();
  let evicted = 0;
  try {
    const groups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(groupPrefix));
    if (!groups.length) return 0;
    for (const g of (await admin.describeGroups(groups)).groups) {
      for (const m of g.members.filter((x) => !clientIds || clientIds.includes(x.clientId))) {
        const coordinator = await cluster.findGroupCoordinator({ groupId: g.groupId });
        await coordinator.leaveGroup({ groupId: g.groupId, memberId: m.memberId }).then(
          () => evicted++,
          () => undefined,
        );
      }
    }
  } finally {
    await cluster.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
  return evicted;
}
