import { afterEach } from 'vitest';
import type { Store } from '../../src/store/port.ts';
import { TestClock } from './builder.ts';

/** How a backend under contract opens stores: each `open` gives a store on a fresh, empty database. */
export interface StoreHarness {
  /** A migrated store on a new empty database, plus a way to open a second store on the same database. */
  open(now: () => Date): Promise<{ store: Store; reopen: () => Promise<Store> }>;
}

/** A fresh store per test and its clock; every store opened during a test is closed after it. */
export interface Fixture {
  store: Store;
  clock: TestClock;
  reopen: () => Promise<Store>;
}

/** Registers the per-test cleanup and returns a function that opens a fresh fixture. */
export function useFixture(harness: StoreHarness): () => Promise<Fixture> {
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close().catch(() => undefined)));
  });
  return async () => {
    const clock = new TestClock();
    const { store, reopen } = await harness.open(clock.now);
    opened.push(store);
    return {
      store,
      clock,
      reopen: async () => {
        const again = await reopen();
        opened.push(again);
        return again;
      },
    };
  };
}
