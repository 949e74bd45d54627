import type { Logger } from 'pino';
import { PeriodicJob } from './periodic-job';

const settle = () => new Promise((r) => setImmediate(r));

describe('PeriodicJob', () => {
  const warn = jest.fn();
  const logger = { warn } as unknown as Logger;
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    warn.mockReset();
  });
  afterEach(() => jest.useRealTimers());

  it('runs at once, again at once after a full batch, then waits the interval', async () => {
    const results = [3, 1, 0];
    const pass = jest.fn(() => Promise.resolve(results.shift() ?? 0));
    const job = new PeriodicJob({ name: 'test job', pass, intervalMs: 1000, batch: 3, logger });
    job.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(pass).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1); // a full batch: the next pass at once, not after the interval
    expect(pass).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(998);
    expect(pass).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(2);
    expect(pass).toHaveBeenCalledTimes(3);
    await job.stop();
  });

  it('never overlaps a slow pass, and stop() waits for it and starts no other', async () => {
    let finish!: (n: number) => void;
    const pass = jest.fn(() => new Promise<number>((r) => (finish = r)));
    const job = new PeriodicJob({ name: 'test job', pass, intervalMs: 10, batch: 5, logger });
    job.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(pass).toHaveBeenCalledTimes(1);
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    finish(0);
    await stopping;
    await jest.advanceTimersByTimeAsync(100);
    expect(pass).toHaveBeenCalledTimes(1);
  });

  it('logs a failed pass by name and retries it after the interval', async () => {
    const pass = jest.fn().mockRejectedValueOnce(new Error('db down')).mockResolvedValue(0);
    const job = new PeriodicJob({ name: 'test job', pass, intervalMs: 50, batch: 5, logger });
    job.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(warn).toHaveBeenCalledWith({ err: expect.any(Error) }, 'test job failed; retrying');
    await jest.advanceTimersByTimeAsync(50);
    expect(pass).toHaveBeenCalledTimes(2);
    await job.stop();
  });
});
