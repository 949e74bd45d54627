/*
 * The CSV and XLSX exports of the province's year (issue #20 item 2): for the largest statistics, the bytes and
 * the time of a whole download (one client, sequential, answers from the cache) as JSON, CSV and XLSX, so the
 * cost of flattening and encoding shows beside the JSON it starts from. Bytes as sent without compression.
 */
import { percentile } from '../../lib/common';
import type { Figure } from '../../lib/context';
import type { DashboardServices, DashboardsOptions } from './context';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FORMATS = ['json', 'csv', 'xlsx'] as const;
const DOWNLOADS = 5;

export interface ExportMeasure {
  name: string;
  format: (typeof FORMATS)[number];
  bytes: number;
  rows: number;
  /** Sorted ms of the downloads. */
  ms: number[];
}

export function exportEndpoints(
  { dossier, survey, rating }: DashboardServices,
  { communes }: DashboardsOptions,
) {
  return [
    {
      name: 'timeliness (province, 2026, by unit)',
      base: dossier.url,
      path: '/api/v1/stats/timeliness?unitCode=DP&from=2026-01-01&to=2026-10-31&groupBy=unit&includeDescendants=true',
    },
    {
      name: 'satisfaction (province, 2026, by unit)',
      base: survey.url,
      path: '/api/v1/stats/satisfaction?unitCode=DP&from=2026-01-01&to=2026-10-31&groupBy=unit&includeDescendants=true',
    },
    {
      name: `ranking (all ${communes} communes of the province, 2026)`,
      base: rating.url,
      path: `/api/v1/units/DP/ranking?year=2026&level=COMMUNE&limit=${Math.min(5000, communes)}`,
    },
    { name: 'scorecard (province, 2026)', base: rating.url, path: '/api/v1/units/DP/scorecard?year=2026' },
  ];
}

async function download(url: string, auth: string, format: string): Promise<{ ms: number; bytes: Buffer }> {
  const t = performance.now();
  const res = await fetch(`${url}${format === 'json' ? '' : `&format=${format}`}`, {
    headers: { authorization: auth, 'accept-encoding': 'identity' },
    signal: AbortSignal.timeout(120_000),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - t;
  if (res.status !== 200)
    throw new Error(`${url} ${format}: ${res.status} ${bytes.toString().slice(0, 200)}`);
  const type = res.headers.get('content-type') ?? '';
  const want = { json: 'application/json', csv: 'text/csv', xlsx: XLSX }[format]!;
  if (!type.startsWith(want)) throw new Error(`${url} ${format}: content-type ${type}`);
  return { ms, bytes };
}

/** Each endpoint in each format: one warm-up download, then DOWNLOADS timed ones. */
export async function measureExports(
  services: DashboardServices,
  options: DashboardsOptions,
  viewer: string,
): Promise<ExportMeasure[]> {
  const out: ExportMeasure[] = [];
  for (const ep of exportEndpoints(services, options)) {
    const url = `${ep.base}${ep.path}`;
    for (const format of FORMATS) {
      const first = await download(url, viewer, format);
      const rows = format === 'csv' ? first.bytes.toString('utf8').split('\r\n').length - 2 : 0;
      const ms: number[] = [];
      for (let i = 0; i < DOWNLOADS; i++) ms.push((await download(url, viewer, format)).ms);
      out.push({ name: ep.name, format, bytes: first.bytes.length, rows, ms: ms.sort((a, b) => a - b) });
    }
  }
  return out;
}

export function exportFigures(measured: ExportMeasure[]): Figure[] {
  return measured.flatMap((m) => [
    {
      name: `export ${m.format}: ${m.name}, download`,
      unit: 'ms',
      median: percentile(m.ms, 50),
      min: m.ms[0],
      max: m.ms[m.ms.length - 1],
      runs: m.ms,
    },
    {
      name: `export ${m.format}: ${m.name}, size${m.rows ? ` (${m.rows} rows)` : ''}`,
      unit: 'KiB',
      median: Math.round(m.bytes / 102.4) / 10,
      min: Math.round(m.bytes / 102.4) / 10,
      max: Math.round(m.bytes / 102.4) / 10,
      runs: [Math.round(m.bytes / 102.4) / 10],
    },
  ]);
}
