import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateAsyncApi } from './generate';
import { allEventDefinitions } from '../registry';

describe('AsyncAPI document', () => {
  const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'asyncapi.json'), 'utf8'));
  it('matches the contract classes (run `npm run asyncapi` after changing an event)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(generateAsyncApi())));
  });
  it('documents every event type', () => {
    const names = Object.values(committed.components.messages as Record<string, { name: string }>).map(
      (m) => m.name,
    );
    for (const def of allEventDefinitions()) expect(names).toContain(def.type);
  });
});
