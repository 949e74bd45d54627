/*
 * Loads a year's official holiday schedule (the Government's decision for civil servants) into the
 * dossier service:
 *
 *   npm run calendar:load -- decision-2027.json [--url http://127.0.0.1:3002]
 *
 * The file is `{ "year": 2027, "entries": [...] }` in the shape of
 * services/dossier/src/domain/official-schedules/2026.ts. It goes through the admin endpoint
 * (PUT /api/v1/calendar/{year}/official-schedule), so the CLI and the API share one validation: on a
 * 400 nothing is stored and the entry and rule broken are printed. The admin bearer token is read from
 * DOSSIER_ADMIN_TOKEN (locally: `npm run dev-token -- admin`).
 */
import { readFileSync } from 'node:fs';

interface Args {
  file: string;
  url: string;
}

const usage = 'usage: npm run calendar:load -- <decision.json> [--url <dossier base URL>]';

const parseArgs = (argv: string[]): Args => {
  let file: string | undefined;
  let url = process.env.DOSSIER_URL ?? 'http://127.0.0.1:3002';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--url') url = argv[++i] ?? '';
    else if (!file && !argv[i].startsWith('--')) file = argv[i];
    else throw new Error(`unexpected argument ${argv[i]}\n${usage}`);
  }
  if (!file || !url) throw new Error(usage);
  return { file, url: url.replace(/\/+$/, '') };
};

const main = async (): Promise<number> => {
  const { file, url } = parseArgs(process.argv.slice(2));
  const token = process.env.DOSSIER_ADMIN_TOKEN;
  if (!token) throw new Error('DOSSIER_ADMIN_TOKEN is not set (locally: npm run dev-token -- admin)');
  const decision = JSON.parse(readFileSync(file, 'utf8')) as { year?: unknown; entries?: unknown };
  if (!Number.isInteger(decision.year) || !Array.isArray(decision.entries))
    throw new Error(`${file}: expected { "year": <integer>, "entries": [...] }`);
  const year = decision.year as number;

  const res = await fetch(`${url}/api/v1/calendar/${year}/official-schedule`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ entries: decision.entries }),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, any>;
  if (!res.ok) {
    console.error(`refused (${res.status}) ${body.code ?? ''}: ${body.message ?? res.statusText}`);
    if (body.details) console.error(JSON.stringify(body.details));
    console.error('nothing was stored');
    return 1;
  }
  console.log(`${year}: ${body.basis}`);
  console.log(`calendar version ${body.version}, schedule revision ${body.official?.revision}`);
  for (const d of body.days as { date: string; kind: string; source: string }[])
    if (d.source === 'OFFICIAL') console.log(`  ${d.date} ${d.kind === 'DAY_OFF' ? 'nghỉ' : 'làm bù'}`);
  return 0;
};

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
