import { defaultUrls } from './api-client';
import { seedDemoIfEmpty } from './seed-demo';

seedDemoIfEmpty(defaultUrls(), (m) => console.log(`[demo] ${m}`)).catch((e) => {
  console.error(`[demo] ${e.message}`);
  process.exit(1);
});
