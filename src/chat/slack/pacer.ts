import { setTimeout as delay } from 'node:timers/promises';

/** Clock and sleep, injectable so pacing is tested without waiting. */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: PacerClock = { now: () => Date.now(), sleep: (ms) => delay(ms) };

/**
 * Runs tasks one at a time per channel, at least `intervalMs` apart (Slack allows about one message per second
 * per channel). Channels do not wait for one another.
 */
export class ChannelPacer {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly lastStart = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly clock: PacerClock = realClock,
  ) {}

  /** Queues `task` for `channel`; resolves or rejects with the task's own outcome. */
  run<T>(channel: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(channel) ?? Promise.resolve();
    const next = previous.then(async () => {
      const last = this.lastStart.get(channel);
      if (last !== undefined) {
        const wait = last + this.intervalMs - this.clock.now();
        if (wait > 0) await this.clock.sleep(wait);
      }
      this.lastStart.set(channel, this.clock.now());
      return task();
    });
    const tail = next.catch(() => undefined);
    this.tails.set(channel, tail);
    // Forget an idle channel so the maps do not grow with every channel ever posted to.
    void tail.then(() => {
      if (this.tails.get(channel) === tail) {
        this.tails.delete(channel);
        const last = this.lastStart.get(channel);
        if (last !== undefined && this.clock.now() - last >= this.intervalMs) this.lastStart.delete(channel);
      }
    });
    return next;
  }
}
