import { execFileSync } from 'node:child_process';
import path from 'node:path';

// kafka-storage refuses a cluster id that starts with '-' (its parser reads it as an option): one random id in 64
// did, and a CI run's chaos broker failed to format. 20,000 ids would hold ~300 such without the rule.
describe('scripts/kafka/kafka.mjs newClusterId', () => {
  it("gives Kafka's Uuid text form (16 bytes, base64url), never starting with '-'", () => {
    const script = `import(${JSON.stringify(path.join(__dirname, 'kafka.mjs'))}).then((m) => {
      const ids = Array.from({ length: 20000 }, () => m.newClusterId());
      console.log(JSON.stringify(ids));
    });`;
    const ids = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
    ) as string[];
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
    expect(
      ids.filter((id) => !/^[A-Za-z0-9_-]{22}$/.test(id) || Buffer.from(id, 'base64url').length !== 16),
    ).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
