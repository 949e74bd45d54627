/*
 * Set-up: rating, dossier and survey on the benchmark's database and topics (each service profiled when
 * --profile asks), and a province of `districts` districts and `communes` communes imported through rating,
 * waited for until the other two services hold every unit (the subtree reads need them all).
 */
import { sleep } from '../../lib/common';
import { BenchContext } from '../../lib/context';
import { call, expectStatus, waitForUnits } from '../../lib/http';
import { bearer, BenchDb, serviceEnv, ServiceProcess, startServiceProcess } from '../../lib/infra';
import { profileArgs } from '../rebuild';
import { DashboardServices, DashboardsOptions } from './context';

/** Starts the services; `started` gets each process at once, so the caller stops them however this ends. */
export async function startServices(
  { args, brokers }: BenchContext,
  db: BenchDb,
  prefix: string,
  started: ServiceProcess[],
): Promise<DashboardServices> {
  const env = serviceEnv(db.url, brokers, prefix);
  const rating = startServiceProcess('rating', {
    env,
    label: 'rating-dash',
    nodeArgs: profileArgs(args, 'rating-dash'),
  });
  const dossier = startServiceProcess('dossier', {
    env,
    label: 'dossier-dash',
    nodeArgs: profileArgs(args, 'dossier-dash'),
  });
  const survey = startServiceProcess('survey', {
    env,
    label: 'survey-dash',
    nodeArgs: profileArgs(args, 'survey-dash'),
  });
  started.push(rating, dossier, survey);
  await Promise.all(started.map((p) => p.waitReady()));
  return { rating, dossier, survey };
}

/** DP (province) → DD1…DDn (districts) → DC1…DCm (communes, round-robin over the districts). */
export async function importUnits(
  db: BenchDb,
  { rating, dossier, survey }: DashboardServices,
  { communes, districts }: DashboardsOptions,
): Promise<void> {
  const units = [
    { code: 'DP', name: 'Tỉnh', level: 'PROVINCE', parentCode: undefined as string | undefined },
    ...Array.from({ length: districts }, (_, d) => ({
      code: `DD${d + 1}`,
      name: `Huyện ${d + 1}`,
      level: 'DISTRICT',
      parentCode: 'DP',
    })),
    ...Array.from({ length: communes }, (_, c) => ({
      code: `DC${c + 1}`,
      name: `Xã ${c + 1}`,
      level: 'COMMUNE',
      parentCode: `DD${(c % districts) + 1}`,
    })),
  ];
  await expectStatus(
    call(rating.url, 'POST', '/api/v1/units/import', bearer({ roles: ['admin'] }), { units }),
    200,
  );
  await waitForUnits([dossier.url, survey.url], ['DP', `DD${districts}`, `DC${communes}`]);
  // the local copies must hold every unit before subtree reads
  for (const schema of ['dossier', 'survey']) {
    for (let i = 0; i < 240; i++) {
      const n = Number((await db.query(`SELECT count(*) AS n FROM ${schema}.units`))[0].n);
      if (n >= units.length) break;
      await sleep(500);
    }
  }
}
