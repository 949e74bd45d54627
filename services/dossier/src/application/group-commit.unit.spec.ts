import { GroupCommit, type GroupItem } from './group-commit';

/** A run function whose groups stay open until the test releases them. */
const controllable = () => {
  const groups: { items: GroupItem<number, string>[]; release: () => void }[] = [];
  const run = (items: GroupItem<number, string>[]) =>
    new Promise<void>((resolve) => {
      groups.push({
        items,
        release: () => {
          for (const i of items) i.resolve(`done ${i.input}`);
          resolve();
        },
      });
    });
  return { groups, run };
};

const tick = () => new Promise((r) => setImmediate(r));

describe('GroupCommit', () => {
  it('starts a group at once while fewer than maxInFlight run, then groups what arrives meanwhile', async () => {
    const { groups, run } = controllable();
    const gc = new GroupCommit(run, 2, 10);
    const answers = [1, 2, 3, 4, 5].map((n) => gc.submit(n));
    await tick();
    expect(groups.map((g) => g.items.map((i) => i.input))).toEqual([[1], [2]]);
    groups[0].release();
    await tick();
    expect(groups.map((g) => g.items.map((i) => i.input))).toEqual([[1], [2], [3, 4, 5]]);
    groups[1].release();
    groups[2].release();
    expect(await Promise.all(answers)).toEqual(['done 1', 'done 2', 'done 3', 'done 4', 'done 5']);
  });

  it('never puts more than maxGroup calls in one group', async () => {
    const { groups, run } = controllable();
    const gc = new GroupCommit(run, 1, 3);
    const answers = Array.from({ length: 8 }, (_, n) => gc.submit(n));
    for (let i = 0; i < 4; i++) {
      await tick();
      groups[i].release();
    }
    await Promise.all(answers);
    expect(groups.map((g) => g.items.length)).toEqual([1, 3, 3, 1]);
  });

  it('settles each call with its own outcome; a call the group leaves unsettled is rejected, not left hanging', async () => {
    const gc = new GroupCommit<number, string>(
      // async like a real group's database call, though this one settles its items without waiting
      // eslint-disable-next-line @typescript-eslint/require-await
      async (items) => {
        for (const i of items) {
          if (i.input === 2) i.reject(new Error('two is refused'));
          else if (i.input !== 3) i.resolve(`ok ${i.input}`);
        }
      },
      1,
      10,
    );
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => gc.submit(n)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'ok 1',
      'two is refused',
      'group commit: item left unsettled',
      'ok 4',
    ]);
  });

  it('rejects the calls still open when the group throws, and keeps serving later calls', async () => {
    const gc = new GroupCommit<number, string>(
      // async so that the throw below is a rejected promise, as a failing database call would be
      // eslint-disable-next-line @typescript-eslint/require-await
      async (items) => {
        if (items.length > 1) {
          items[0].resolve('first answered before the failure');
          throw new Error('database gone');
        }
        items[0].resolve(`ok ${items[0].input}`);
      },
      1,
      10,
    );
    // 1 starts alone; 2 and 3 arrive while it runs and form the failing group
    const results = await Promise.allSettled([gc.submit(1), gc.submit(2), gc.submit(3)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'ok 1',
      'first answered before the failure',
      'database gone',
    ]);
    expect(await gc.submit(4)).toBe('ok 4');
  });
});
