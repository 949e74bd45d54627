/*
 * Set-up: a fresh private broker, the private PostgreSQL cluster (or the shared server where none can be
 * made), the run's database and topics, the five services (`instances` processes each), and the offices the traffic needs: four communes,
 * two counters each, every counter opened by its officer. Also the two ways the run ends: the orderly shut
 * down after the report, and the tear-down that runs however it ended.
 */
import { sleep } from '../../lib/common';
import { call, HttpAnswer } from '../../lib/http';
import {
  bearer,
  createDb,
  createTopics,
  kafkaClient,
  pgAdminUrl,
  serviceEnv,
  ServiceName,
} from '../../lib/infra';
import { ChaosOptions, ChaosRun, COMMUNES, COUNTERS, PREFIX, RUN_SERVICES } from '../context';
import { NotifySetup, startNotifyPeers } from '../notify';
import { PrivateKafka, PrivatePostgres } from '../private-infra';
import { Supervisor } from '../supervisor';
import { officerOf } from '../traffic';

/** What tearDown stops: known before any of it starts, so a failed set-up is torn down too. */
type Started = Pick<ChaosRun, 'kafkaServer' | 'postgresServer'> & {
  services?: Supervisor;
  notify?: NotifySetup;
};

export async function setUp(options: ChaosOptions, command: string): Promise<ChaosRun> {
  const started = Date.now();
  const startedAt = new Date().toISOString();
  const parts: Started = {
    kafkaServer: new PrivateKafka(options.kafkaPort),
    postgresServer:
      options.postgresPort === undefined ? undefined : new PrivatePostgres(options.postgresPort),
  };
  const { kafkaServer, postgresServer } = parts;
  const notes: string[] = [];
  try {
    await kafkaServer.wipe();
    await kafkaServer.start();
    if (postgresServer) await postgresServer.start();
    else
      notes.push(
        'No initdb/pg_ctl here: PostgreSQL was NOT restarted (the shared server is never touched), and the fuzz write check is unreliable on a shared cluster.',
      );
    const adminUrl = postgresServer
      ? postgresServer.adminUrl
      : pgAdminUrl(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL);
    const db = await createDb('chaos', adminUrl);
    const kafka = kafkaClient(kafkaServer.brokers, 'chaos');
    const admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, PREFIX, 3);
    const notify = (parts.notify = await startNotifyPeers(options.servicePort));
    const env = serviceEnv(db.url, kafkaServer.brokers, PREFIX, { KAFKA_PARTITIONS: '3', ...notify.env });
    const services = (parts.services = new Supervisor({
      env,
      envOf: { notify: notify.notifyEnv },
      kafka,
      evict: options.evict,
      instances: options.instances,
      servicePort: options.servicePort,
    }));
    // One instance of each first: several instances of a service starting at once wait on each other's
    // migrations (one migrates under the advisory lock) and joins; the siblings then join running groups.
    await Promise.all(RUN_SERVICES.map((s) => services.start({ s, i: 0 })));
    await Promise.all(RUN_SERVICES.flatMap((s) => services.all(s).slice(1)).map((x) => services.start(x)));
    const run: ChaosRun = {
      options,
      started,
      startedAt,
      command,
      kafkaServer,
      postgresServer,
      db,
      kafka,
      admin,
      services,
      notify,
      url: services.url,
      notes,
    };
    await setUpOffices(run);
    return run;
  } catch (e) {
    await tearDown(parts);
    throw e;
  }
}

/** Units, offices: two counters per commune, each opened by its officer. */
async function setUpOffices({ url }: ChaosRun): Promise<void> {
  const admin = bearer({ roles: ['admin'] });
  const imported = await call(url('rating'), 'POST', '/api/v1/units/import', admin, {
    units: [
      { code: 'CXP', name: 'Tỉnh', level: 'PROVINCE' },
      ...COMMUNES.map((c) => ({ code: c, name: `Xã ${c}`, level: 'COMMUNE', parentCode: 'CXP' })),
    ],
  });
  if (imported.status !== 200) throw new Error(`import ${imported.status} ${JSON.stringify(imported.body)}`);
  for (const s of ['queue', 'dossier', 'survey', 'notify'] as ServiceName[]) {
    for (const c of COMMUNES) {
      for (
        let i = 0;
        (await call(url(s), 'GET', `/api/v1/units/${c}`, admin).catch(() => ({ status: 0 }) as HttpAnswer))
          .status !== 200;
        i++
      ) {
        if (i > 240) throw new Error(`${s} never got unit ${c}`);
        await sleep(250);
      }
    }
  }
  for (const c of COMMUNES) {
    // "Your turn is near" when 2 are ahead, at any hour (the office is open all day here, so the SMS is sent
    // even in quiet hours and the SMPP peer sees traffic whenever CI runs); no daily cap in reach.
    const settings = await call(url('notify'), 'PUT', `/api/v1/units/${c}/notify-settings`, admin, {
      disabledKinds: [],
      turnNearPosition: 2,
      turnNearMinutes: 0,
      minutesPerCitizen: 5,
      dailyCap: 100,
      opensAtMinute: 0,
      closesAtMinute: 1440,
      supplementDays: 15,
    });
    if (settings.status !== 200)
      throw new Error(`notify-settings ${settings.status} ${JSON.stringify(settings.body)}`);
    await call(url('queue'), 'PUT', `/api/v1/units/${c}/services/HT`, admin, {
      name: 'Hộ tịch',
      prefix: 'A',
      active: true,
    });
    for (const no of COUNTERS) {
      await call(url('queue'), 'PUT', `/api/v1/units/${c}/counters/${no}`, admin, {
        name: `Quầy ${no}`,
        serviceCodes: ['HT'],
      });
      await call(
        url('queue'),
        'POST',
        `/api/v1/units/${c}/counters/${no}/open`,
        bearer({ sub: officerOf(c, no), roles: ['officer'], units: [c] }),
        { officerId: officerOf(c, no) },
      );
    }
  }
}

/** After the report: the services stop in order and the run's database is dropped. */
export async function shutDown(run: ChaosRun): Promise<void> {
  await run.admin.disconnect();
  await run.services.stopAll();
  await run.db.drop().catch(() => undefined);
}

/** However the run ended: whatever still runs is killed, the private broker and cluster are stopped. */
export async function tearDown({ services, kafkaServer, postgresServer, notify }: Started): Promise<void> {
  await services?.killAll();
  await notify?.peers.close().catch(() => undefined);
  await kafkaServer.stop().catch(() => undefined);
  postgresServer?.stop();
}
