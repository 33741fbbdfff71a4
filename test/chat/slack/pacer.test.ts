import { describe, expect, it } from 'vitest';
import { ChannelPacer, type PacerClock } from '../../../src/chat/slack/pacer.ts';

/** A clock that only moves when the pacer sleeps, recording each sleep. */
function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  const clock: PacerClock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  return { clock, sleeps, advance: (ms: number) => (now += ms) };
}

describe('ChannelPacer', () => {
  it('given three posts to one channel then they run in order, one interval apart', async () => {
    const { clock, sleeps } = fakeClock();
    const pacer = new ChannelPacer(1000, clock);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => pacer.run('C1', async () => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('given posts to two channels then neither waits for the other', async () => {
    const { clock, sleeps } = fakeClock();
    const pacer = new ChannelPacer(1000, clock);
    await Promise.all([pacer.run('C1', async () => 1), pacer.run('C2', async () => 2)]);
    expect(sleeps).toEqual([]);
  });

  it('given a failed post then the next one still runs, paced, and the failure reaches its caller', async () => {
    const { clock, sleeps, advance } = fakeClock();
    const pacer = new ChannelPacer(1000, clock);
    const failed = pacer.run('C1', async () => {
      throw new Error('channel_not_found');
    });
    const next = pacer.run('C1', async () => 'ok');
    await expect(failed).rejects.toThrow('channel_not_found');
    await expect(next).resolves.toBe('ok');
    expect(sleeps).toEqual([1000]);
    advance(5000);
    await pacer.run('C1', async () => 'later');
    expect(sleeps).toEqual([1000]);
  });
});
