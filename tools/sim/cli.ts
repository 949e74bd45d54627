import { parseArgs } from 'node:util';
import { defaultUrls } from './api-client';
import { simulate } from './simulate';
import { summaryTable } from './summary';

// npm run simulate -- --units N --days D [--speed X] [--seed S] [--concurrency C] [--no-verify]
const { values } = parseArgs({
  options: {
    units: { type: 'string', default: '5' },
    days: { type: 'string', default: '5' },
    speed: { type: 'string', default: '0' },
    seed: { type: 'string', default: '42' },
    concurrency: { type: 'string', default: '4' },
    'no-verify': { type: 'boolean', default: false },
  },
});

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
