import { fmt } from './common';
import { BenchResult } from './context';

const n = (v: number) => (Math.abs(v) >= 100 ? fmt(v, 0) : fmt(v, Math.abs(v) >= 10 ? 1 : 2));

export function renderMarkdown(report: {
  startedAt: string;
  command: string;
  quick: boolean;
  runs: number;
  machine: Record<string, string | number>;
  results: BenchResult[];
  failures: string[];
}): string {
  const m = report.machine;
  const lines: string[] = [
    `# Benchmark report`,
    '',
    `- started ${report.startedAt}, \`${report.command}\`${report.quick ? ' (quick sizes)' : ''}`,
    `- machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}, Kafka ${m.kafka} (local JVM broker), PostgreSQL ${m.postgres}, ${m.os}; load average at start ${m.loadAvgAtStart}`,
    `- broker, Postgres, services and load generators share this machine; each figure is the median of the runs with min and max`,
    '',
  ];
  for (const r of report.results) {
    lines.push(`## ${r.title}`, '');
    if (r.figures.length) {
      lines.push(
        '| figure | median | min | max | unit | target | peak RSS MiB (median, min–max) |',
        '|---|---:|---:|---:|---|---|---|',
      );
      for (const f of r.figures) {
        const target = f.target ? `${f.target} ${f.met ? '✅ met' : '❌ missed'}` : '';
        const rss = f.rssMiB ? `${fmt(f.rssMiB.median)} (${fmt(f.rssMiB.min)}–${fmt(f.rssMiB.max)})` : '';
        lines.push(
          `| ${f.name} | ${n(f.median)} | ${n(f.min)} | ${n(f.max)} | ${f.unit} | ${target} | ${rss} |`,
        );
      }
      lines.push('');
    }
    const checks = Object.entries(r.checks)
      .filter(([, v]) => typeof v !== 'object' || v === null)
      .map(([k, v]) => `${k}: **${String(v)}**`);
    if (checks.length) lines.push(`Checks: ${checks.join(', ')}`, '');
    for (const note of r.notes) lines.push(`- ${note}`);
    lines.push('');
  }
  if (report.failures.length) lines.push('## Failures', '', ...report.failures.map((f) => `- ${f}`), '');
  return lines.join('\n');
}
