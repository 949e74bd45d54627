import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateAsyncApi } from '../src/asyncapi/generate';

const out = join(__dirname, '..', 'asyncapi.json');
writeFileSync(out, JSON.stringify(generateAsyncApi(), null, 2) + '\n');
console.log(`wrote ${out}`);
