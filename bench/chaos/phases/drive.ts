/*
 * Drive: `workers` client loops run the simulator's kinds of traffic (traffic.ts) until the run's progress
 * reaches 1, where progress = max(events on the topics / target, elapsed / max seconds). The fault injection
 * runs meanwhile and places its moments on the same progress scale.
 */
import crypto from 'node:crypto';
import { ALL_TOPICS } from '@fg/contracts';
import { sleep } from '../../lib/common';
import { ChaosRun, COMMUNES, COUNTERS, PREFIX } from '../context';
import { clientLoop, Truth } from '../traffic';

export interface Traffic {
  /** What the clients saw accepted, and the requests in doubt. */
  truth: Truth;
  /** Date.now() when the client loops started. */
  startedAt: number;
  /** Events on the topics, as last counted (about once a second). */
  produced(): number;
  /** 0 at the start; traffic stops at 1. */
  progress(): number;
  /** Waits until progress reaches 1, stops the client loops and returns the seconds of traffic. */
  finish(): Promise<number>;
}

export function drive({ admin, url, options }: ChaosRun): Traffic {
  const truth = new Truth();
  let running = true;
  const startedAt = Date.now();
  let produced = 0;
  const countEvents = async () => {
    let n = 0;
    for (const t of ALL_TOPICS)
      for (const p of await admin.fetchTopicOffsets(`${PREFIX}${t}`)) n += Number(p.high);
    return n;
  };
  const progress = () =>
    Math.max(produced / options.targetEvents, (Date.now() - startedAt) / 1000 / options.maxSeconds);
  const counting = (async () => {
    while (running) {
      produced = await countEvents().catch(() => produced); // the broker may be restarting
      await sleep(1000);
    }
  })();
  const runId = crypto.randomBytes(3).toString('hex');
  const loops = Array.from({ length: options.workers }, (_, w) =>
    clientLoop(
      w,
      { url, communes: COMMUNES, counters: COUNTERS, runId, lateShare: 0.2 },
      truth,
      () => running,
    ),
  );
  return {
    truth,
    startedAt,
    produced: () => produced,
    progress,
    async finish() {
      while (progress() < 1) await sleep(200);
      running = false;
      await Promise.all(loops);
      await counting;
      return (Date.now() - startedAt) / 1000;
    },
  };
}
