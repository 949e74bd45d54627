import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { defaultUrls } from './api-client';
import { simulate } from './simulate';
import { summaryTable } from './summary';

const USAGE = `npm run simulate -- [--units N] [--days D] [--speed X] [--seed S] [--concurrency C] [--no-verify]
npm run simulate -- --wait-estimates [--seed S]
npm run simulate -- --appointments [--days D] [--seed S]

Drives N seeded commune offices through D days over the REST APIs of the running services (npm start),
then checks every dashboard figure against the ground truth (unless --no-verify).
  --units        offices (default 5)
  --days         days simulated per office (default 5)
  --speed        simulated seconds per real second in the pauses between actions; 0 = no pauses (default 0)
  --seed         random seed: the same seed replays the same offices (default 42)
  --concurrency  offices driven at once (default 4)
  --no-verify    skip the dashboard check
  --wait-estimates  instead: a simulated morning at two offices with the queue's clock scripted (the queue
                 service in process, on a fresh database and the local broker: npm run kafka:start), and the
                 mean absolute error per service of the wait estimate given at issue against the actual wait
                 (tools/sim/queue-day.ts, test/sim/wait-estimate-accuracy.int.spec.ts)
  --appointments  instead: booked citizens at one office over D days from Monday 2026-12-07 (default 5 with
                 this flag), the queue in process with its clock scripted as above; bookings (portal and public),
                 cancellations, moves, early / on-time / late / too-late check-ins, no-shows and walk-ins; every
                 appointment figure (stats by service, weekday, hour, day; the forecast; the events rating counts)
                 checked against the simulator's ground truth, exit 1 on a mismatch
                 (tools/sim/appointment-week.ts, test/sim/appointment-figures.int.spec.ts)`;

const { values } = parseArgs({
  options: {
    help: { type: 'boolean', short: 'h', default: false },
    units: { type: 'string', default: '5' },
    days: { type: 'string', default: '5' },
    speed: { type: 'string', default: '0' },
    seed: { type: 'string', default: '42' },
    concurrency: { type: 'string', default: '4' },
    'no-verify': { type: 'boolean', default: false },
    'wait-estimates': { type: 'boolean', default: false },
    appointments: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

if (values['wait-estimates']) {
  // Runs the measuring spec through jest, which provides the in-process service, its database and the broker's
  // credentials exactly as the integration tests get them.
  const jest = require.resolve('jest/bin/jest');
  const spec = 'test/sim/wait-estimate-accuracy.int.spec.ts';
  const run = spawnSync(process.execPath, [jest, spec, '--selectProjects', 'integration', '--forceExit'], {
    stdio: 'inherit',
    env: { ...process.env, SIM_SEED: values.seed },
  });
  process.exit(run.status ?? 1);
}

if (values.appointments) {
  const jest = require.resolve('jest/bin/jest');
  const spec = 'test/sim/appointment-figures.int.spec.ts';
  const days = process.argv.some((a) => a === '--days' || a.startsWith('--days=')) ? values.days : '5';
  const run = spawnSync(process.execPath, [jest, spec, '--selectProjects', 'integration', '--forceExit'], {
    stdio: 'inherit',
    env: { ...process.env, SIM_SEED: values.seed, SIM_DAYS: days },
  });
  process.exit(run.status ?? 1);
}

simulate({
  urls: defaultUrls(),
  units: Number(values.units),
  days: Number(values.days),
  speed: Number(values.speed),
  seed: Number(values.seed),
  concurrency: Number(values.concurrency),
  verify: !values['no-verify'],
  log: (m) => console.log(`[simulate] ${m}`),
})
  .then((r) => {
    console.log(summaryTable(r));
    if (r.mismatches?.length) {
      console.error(`\n${r.mismatches.length} dashboard figures differ from the ground truth:`);
      for (const m of r.mismatches)
        console.error(`  ${m.figure}: expected +${m.expected}, dashboard moved by ${m.actual}`);
      process.exit(1);
    }
    if (r.mismatches) console.log('\nEvery dashboard figure matches the ground truth.');
  })
  .catch((e) => {
    console.error(`[simulate] ${e.message}`);
    process.exit(1);
  });
