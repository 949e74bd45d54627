import { simulate } from '../../tools/sim/simulate';
import { RunningSystem, startSystem } from '../support/system';

describe('a short seeded simulation across all four services', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem('simulation');
  });
  afterAll(async () => {
    await system.stop();
  });

  it('moves every dashboard figure by exactly what the simulated offices did', async () => {
    const result = await simulate({
      urls: system.urls,
      units: 2,
      days: 2,
      seed: 2025,
      concurrency: 2,
      verify: true,
    });
    expect(result.total.ticketsIssued).toBeGreaterThan(5);
    expect(result.total.dossiersReceived).toBeGreaterThan(3);
    expect(result.total.responses).toBeGreaterThan(2);
    expect(result.mismatches).toEqual([]);
  }, 300_000);
});
