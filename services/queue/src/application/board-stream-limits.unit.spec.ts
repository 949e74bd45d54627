import type { QueueConfig } from '../config';
import { BoardStreamLimits } from './board-stream-limits';

const limits = (perAddress: number, max: number) =>
  new BoardStreamLimits({ BOARD_STREAMS_PER_ADDRESS: perAddress, BOARD_STREAMS_MAX: max } as QueueConfig);

describe('board stream admission', () => {
  it('refuses an address past its share, while other addresses still get in', () => {
    const l = limits(2, 10);
    expect(typeof l.admit('a')).toBe('function');
    expect(typeof l.admit('a')).toBe('function');
    expect(l.admit('a')).toBe('ADDRESS_FULL');
    expect(typeof l.admit('b')).toBe('function');
    expect(l.open).toBe(3);
  });

  it('refuses every address once the instance is full', () => {
    const l = limits(5, 2);
    l.admit('a');
    l.admit('b');
    expect(l.admit('c')).toBe('INSTANCE_FULL');
  });

  it('gives a place back once, however often the release runs', () => {
    const l = limits(1, 10);
    const release = l.admit('a');
    if (typeof release !== 'function') throw new Error('expected a place');
    release();
    release();
    expect(l.open).toBe(0);
    expect(typeof l.admit('a')).toBe('function');
    expect(l.admit('a')).toBe('ADDRESS_FULL');
  });
});
