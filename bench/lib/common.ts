/* Shared helpers of the benchmarks and the chaos run: arguments, progress, statistics, machine facts. */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const REPORTS = path.join(REPO, 'bench', 'reports');
export const LOGS = path.join(REPORTS, 'logs');

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `--events 1000000 --quick --only rebuild,queue` → { events: '1000000', quick: true, only: 'rebuild,queue' } */
export function parseArgs(argv = process.argv.slice(2)): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const [k, inline] = a.slice(2).split('=', 2);
    if (inline !== undefined) out[k] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) out[k] = argv[++i];
    else out[k] = true;
  }
  return out;
}

export const num = (args: Record<string, string | boolean>, key: string, def: number): number => {
  const v = args[key];
  if (v === undefined || v === true) return def;
  const n = Number(String(v).replace(/_/g, ''));
  if (!Number.isFinite(n)) throw new Error(`--${key} must be a number, got ${v}`);
  return n;
};

const t0 = Date.now();
export function log(msg: string): void {
  const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(7);
  process.stderr.write(`[bench ${s}s] ${msg}\n`);
}

/** A one-line progress indicator that rewrites itself on a terminal and logs every `everyMs` otherwise. */
export function progress(label: string, everyMs = 5000): (msg: string, force?: boolean) => void {
  let last = 0;
  const tty = process.stderr.isTTY;
  return (msg, force = false) => {
    const now = Date.now();
    if (tty) {
      process.stderr.write(`\r\x1b[K  ${label}: ${msg}`);
      if (force) process.stderr.write('\n');
    } else if (force || now - last >= everyMs) {
      last = now;
      log(`  ${label}: ${msg}`);
    }
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function summarize(values: number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median: mid, min: s[0], max: s[s.length - 1], runs: values };
}

export const round = (n: number, d = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** d) / 10 ** d : n);

export function machineInfo(kafkaVersion: string): Record<string, string | number> {
  const cpus = os.cpus();
  let pg = '';
  try {
    pg = execSync(`psql -h 127.0.0.1 -U postgres -tAc 'show server_version'`, {
      encoding: 'utf8',
      timeout: 5000,
    }).trim();
  } catch {
    pg = 'unknown';
  }
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    kafka: kafkaVersion,
    postgres: pg,
    os: `${os.type()} ${os.release()}`,
    loadAvgAtStart: os
      .loadavg()
      .map((l) => round(l, 2))
      .join(' '),
  };
}

export function kafkaVersion(): string {
  const pom = fs.readFileSync(path.join(REPO, 'scripts/kafka/pom.xml'), 'utf8');
  return /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1] ?? 'unknown';
}

export const fmt = (n: number, d = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
    : String(n);
