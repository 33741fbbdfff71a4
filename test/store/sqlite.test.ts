import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { storeContract } from './contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'briefwire-store-'));
let count = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite store', () => {
  storeContract({
    async open(now) {
      // A file per test, so close-and-reopen reads the same database back.
      const path = join(dir, `store-${++count}`, 'briefwire.db');
      return { store: await openStore({ path, now }), reopen: () => openStore({ path, now }) };
    },
  });

  it('given a path in a missing folder, when opened, then the folder and a WAL database are created', async () => {
    const path = join(dir, 'nested', 'deeper', 'briefwire.db');
    const store = await openStore({ path });
    await store.upsertFeed({ url: 'https://w.example/rss', global: true });
    expect(existsSync(path)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(true);
    await store.close();
  });

  it('given :memory:, when opened, then a working store needs no file', async () => {
    const store = await openStore({ path: ':memory:' });
    const feed = await store.upsertFeed({ url: 'https://m.example/rss', global: false });
    expect(await store.getFeed(feed.id)).toMatchObject({ url: 'https://m.example/rss' });
    expect(await store.ping()).toBe(true);
    await store.close();
    expect(await store.ping()).toBe(false);
  });

  it('given a URL that is not postgres, when opening, then it is refused with a clear error', async () => {
    await expect(openStore({ url: 'mysql://localhost/db' })).rejects.toThrow(/expected postgres/);
  });
});
