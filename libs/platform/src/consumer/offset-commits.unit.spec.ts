import { OffsetCommits } from './offset-commits';

type Offsets = { topic: string; partition: number; offset: string }[];

/** A consumer whose commit requests are recorded and answered when the test says. */
function fakeConsumer() {
  const requests: { offsets: Offsets; answer: (err?: Error) => void }[] = [];
  return {
    requests,
    commitOffsets: (offsets: Offsets) =>
      new Promise<void>((resolve, reject) =>
        requests.push({ offsets, answer: (err) => (err ? reject(err) : resolve()) }),
      ),
  };
}
/** Lets the pending turns of the event loop run (the commit waits for one after the microtasks). */
const turn = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};

describe('OffsetCommits', () => {
  it('sends the offsets asked for in the same turn in one request, and answers every caller with it', async () => {
    const consumer = fakeConsumer();
    const commits = new OffsetCommits(consumer);
    let done = 0;
    const asked = [0, 1, 2].map((p) => commits.commit('t', p, String(10 + p)).then(() => done++));
    await turn();
    expect(consumer.requests.map((r) => r.offsets)).toEqual([
      [
        { topic: 't', partition: 0, offset: '10' },
        { topic: 't', partition: 1, offset: '11' },
        { topic: 't', partition: 2, offset: '12' },
      ],
    ]);
    expect(done).toBe(0); // not before the broker answered
    consumer.requests[0].answer();
    await Promise.all(asked);
    expect(done).toBe(3);
  });

  it('holds what is asked while a request is in flight for the next one, keeping the latest offset per partition', async () => {
    const consumer = fakeConsumer();
    const commits = new OffsetCommits(consumer);
    const first = commits.commit('t', 0, '5');
    await turn();
    const second = [commits.commit('t', 1, '7'), commits.commit('u', 1, '3'), commits.commit('t', 1, '8')];
    await turn();
    expect(consumer.requests).toHaveLength(1); // the second waits for the first's answer
    consumer.requests[0].answer();
    await first;
    await turn();
    expect(consumer.requests[1].offsets).toEqual([
      { topic: 't', partition: 1, offset: '8' },
      { topic: 'u', partition: 1, offset: '3' },
    ]);
    consumer.requests[1].answer();
    await Promise.all(second);
  });

  it('rejects every caller of a failed request, and still sends the next one', async () => {
    const consumer = fakeConsumer();
    const commits = new OffsetCommits(consumer);
    const failed = [commits.commit('t', 0, '1'), commits.commit('t', 1, '1')].map((p) =>
      p.then(
        () => 'committed',
        (e: Error) => e.message,
      ),
    );
    await turn();
    const later = commits.commit('t', 2, '1');
    consumer.requests[0].answer(new Error('REBALANCE_IN_PROGRESS'));
    expect(await Promise.all(failed)).toEqual(['REBALANCE_IN_PROGRESS', 'REBALANCE_IN_PROGRESS']);
    await turn();
    expect(consumer.requests[1].offsets).toEqual([{ topic: 't', partition: 2, offset: '1' }]);
    consumer.requests[1].answer();
    await later;
  });
});
