/*
 * npm run bench [-- --quick] [-- --only rebuild,queue,intake,freshness,dashboards] [--runs 3] [--events 1000000] ...
 *
 * Builds the services (unless --no-build), makes sure a Kafka broker runs (KAFKA_BROKERS or the local one),
 * runs each benchmark against services started as child processes on their own databases and topic prefixes,
 * and writes bench/reports/latest.json and latest.md (also a timestamped copy).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fmt, kafkaVersion, log, machineInfo, num, parseArgs, REPO, REPORTS } from './lib/common';
import { BenchContext, BenchResult } from './lib/context';
import { dropStaleBenchDbs, localKafkaCredentials } from './lib/infra';
import { renderMarkdown } from './lib/report';

const ALL = ['rebuild', 'queue', 'intake', 'freshness', 'dashboards'] as const;

async function load(name: string): Promise<(ctx: BenchContext) => Promise<BenchResult>> {
  switch (name) {
    case 'rebuild':
      return (await import('./benchmarks/rebuild')).benchRebuild;
    case 'queue':
      return (await import('./benchmarks/queue')).benchQueue;
    case 'intake':
      return (await import('./benchmarks/intake')).benchIntake;
    case 'freshness':
      return (await import('./benchmarks/freshness')).benchFreshness;
    case 'dashboards':
      return (await import('./benchmarks/dashboards')).benchDashboards;
    default:
      throw new Error(`unknown benchmark ${name}; known: ${ALL.join(', ')}`);
  }
}

export function ensureBroker(): string {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS;
  const r = spawnSync(process.execPath, [path.join(REPO, 'scripts/kafka/kafka.mjs'), 'ensure'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0)
    throw new Error('could not start or find the Kafka broker (scripts/kafka/kafka.mjs ensure)');
  // The local broker requires credentials: the harness is its admin, the services get their own (infra.ts).
  process.env.KAFKA_SASL_USERNAME = 'admin';
  process.env.KAFKA_SASL_PASSWORD = localKafkaCredentials().admin;
  return r.stdout.trim().split('\n').pop()!;
}

export function build(): void {
  log('building (tsc -b tsconfig.build.json)...');
  execFileSync(
    process.execPath,
    [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'],
    { cwd: REPO, stdio: 'inherit' },
  );
}

async function main() {
  const args = parseArgs();
  const quick = Boolean(args.quick);
  const only = typeof args.only === 'string' ? args.only.split(',').map((s) => s.trim()) : [...ALL];
  const runs = num(args, 'runs', 3);
  if (!args['no-build']) build();
  const brokers = ensureBroker();
  await dropStaleBenchDbs().catch(() => undefined);
  const machine = machineInfo(kafkaVersion());
  log(
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}, Kafka ${machine.kafka}, Postgres ${machine.postgres}; broker ${brokers}`,
  );
  const ctx: BenchContext = { brokers, args, quick, runs, keep: Boolean(args.keep) };
  const results: BenchResult[] = [];
  const failures: string[] = [];
  const started = new Date();
  for (const name of only) {
    log(`=== ${name} ===`);
    const t = Date.now();
    try {
      const r = await (await load(name))(ctx);
      results.push(r);
      for (const f of r.figures)
        log(
          `  ${f.name}: ${fmt(f.median, f.median < 100 ? 2 : 0)} ${f.unit} (min ${fmt(f.min, f.min < 100 ? 2 : 0)}, max ${fmt(f.max, f.max < 100 ? 2 : 0)})${f.target ? ` target ${f.target}: ${f.met ? 'met' : 'MISSED'}` : ''}`,
        );
      if (!r.ok) failures.push(`${name}: checks failed`);
    } catch (e) {
      log(`  ${name} FAILED: ${(e as Error).stack ?? String(e)}`);
      failures.push(`${name}: ${(e as Error).message}`);
      results.push({
        name,
        title: name,
        params: {},
        figures: [],
        notes: [`failed: ${(e as Error).message}`],
        checks: {},
        ok: false,
      });
    }
    log(`  ${name} took ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  const report = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    quick,
    runs,
    machine,
    results,
    failures,
  };
  fs.mkdirSync(REPORTS, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const partial = only.length < ALL.length ? `-${only.join('-')}` : '';
  const md = renderMarkdown(report);
  for (const base of [`latest`, `bench-${stamp}${partial}${quick ? '-quick' : ''}`]) {
    fs.writeFileSync(path.join(REPORTS, `${base}.json`), JSON.stringify(report, null, 2) + '\n');
    fs.writeFileSync(path.join(REPORTS, `${base}.md`), md);
  }
  log(`wrote bench/reports/latest.json and latest.md`);
  process.stdout.write(md);
  process.exit(failures.length ? 1 : 0);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
