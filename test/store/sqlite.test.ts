import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { SqlStore } from '../../src/store/sql/store.ts';
import { SqliteDriver } from '../../src/store/sqlite/driver.ts';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.ts';
import { expectSpeakerIndexesFilled, storeBeforeSpeakerIndexes } from './backfill.ts';
import { buildArticle } from './builder.ts';
import { storeContract } from './contract.ts';
import { runStoreProcesses } from './processes.ts';

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

  it('given a database at an older schema version, when opened by this version, then it migrates forward and keeps its data', async () => {
    const path = join(dir, 'old-version', 'briefwire.db');
    const old = new SqlStore(new SqliteDriver(path, SQLITE_MIGRATIONS.slice(0, 1)));
    await old.migrate();
    const feed = await old.upsertFeed({ url: 'https://old.example/rss', global: true });
    const channel = { platform: 'terminal', workspace: 'local', channel: 'repl' } as const;
    await old.subscribe({ channel, feedId: feed.id, mode: 'digest' });
    await old.close();
    const store = await openStore({ path });
    expect(await store.getFeed(feed.id)).toMatchObject({ url: 'https://old.example/rss', global: true });
    expect(await store.listSubscriptions(channel)).toHaveLength(1);
    const input = buildArticle({
      feedId: feed.id,
      itemKey: 'after',
      title: 'After the upgrade',
      sentences: [
        {
          sentence: '"New columns work," said Ada Lovelace.',
          quote: { text: 'New columns work', speaker: 'Ada Lovelace' },
        },
      ],
    });
    Object.assign(input.extraction.quotes[0] ?? {}, { confidence: 0.9 });
    const { article } = await store.upsertArticle(input);
    expect((await store.getArticle(article.id))?.extraction.quotes).toEqual(input.extraction.quotes);
    await store.close();
  });

  it('given articles stored before item fingerprints existed, when migrated, then they are known with none', async () => {
    const path = join(dir, 'before-item-hash', 'briefwire.db');
    const old = new SqliteDriver(path, SQLITE_MIGRATIONS.slice(0, 6));
    await old.migrate();
    await old.run(
      `INSERT INTO feeds (id, url, is_global, created_at) VALUES (1, 'https://v6.example/rss', 1, 0)`,
    );
    await old.run(
      `INSERT INTO articles (feed_id, item_key, title, text, language, analysed, content_hash, first_seen,
         updated_at) VALUES (1, 'guid:old', 'Old', 'Old\n\nText.', 'en', 1, 'x', 0, 0)`,
    );
    await old.close();
    const store = await openStore({ path });
    expect(await store.knownItems(1, ['guid:old', 'guid:new'])).toEqual(new Map([['guid:old', null]]));
    await store.upsertArticle({
      ...buildArticle({ feedId: 1, itemKey: 'guid:new', title: 'New' }),
      itemHash: 'h',
    });
    expect(await store.knownItems(1, ['guid:old', 'guid:new'])).toEqual(
      new Map([
        ['guid:old', null],
        ['guid:new', 'h'],
      ]),
    );
    await store.close();
  });

  it('given an article stored with the older all-JSON content hash, when ingested again, then unchanged stays unchanged and an edit is an edit', async () => {
    const path = join(dir, 'legacy-content-hash', 'briefwire.db');
    const store = await openStore({ path });
    const feed = await store.upsertFeed({ url: 'https://hash.example/rss', global: true });
    const input = buildArticle({ feedId: feed.id, itemKey: 'guid:a', title: 'Harbour reopens' });
    const { article } = await store.upsertArticle(input);
    await store.close();
    // The form content hashes had before the `2:` one, written over the stored hash.
    const legacy = createHash('sha256')
      .update(
        JSON.stringify([
          input.title,
          input.text,
          input.url,
          input.published?.getTime() ?? null,
          input.extraction,
        ]),
      )
      .digest('hex');
    const raw = new Database(path);
    expect(String(raw.prepare('SELECT content_hash FROM articles').pluck().get())).toMatch(
      /^2:[0-9a-f]{64}$/,
    );
    raw.prepare('UPDATE articles SET content_hash = ?').run(legacy);
    raw.close();
    const again = await openStore({ path });
    expect((await again.upsertArticle(input)).status).toBe('unchanged');
    expect(await again.articleRevisions(article.id)).toEqual([]);
    const edited = { ...input, text: `${input.text}\n\nA correction.` };
    expect((await again.upsertArticles([edited]))[0]?.status).toBe('updated');
    expect(await again.articleRevisions(article.id)).toHaveLength(1);
    await again.close();
  });

  it('given quotes stored before the speaker indexes existed, when migrated, then the indexes are filled from them', async () => {
    const path = join(dir, 'before-speakers', 'briefwire.db');
    const old = new SqliteDriver(path, SQLITE_MIGRATIONS.slice(0, 3));
    await old.migrate();
    await storeBeforeSpeakerIndexes(old);
    await old.close();
    const store = await openStore({ path });
    await expectSpeakerIndexesFilled(store);
    await store.close();
  });

  it('given rows written every way, then each FTS5 index passes its integrity check against its table', async () => {
    const path = join(dir, 'fts-integrity', 'briefwire.db');
    let now = new Date('2026-04-01T00:00:00Z');
    const store = await openStore({ path, now: () => now });
    const feed = await store.upsertFeed({ url: 'https://fts.example/rss', global: true });
    const article = (key: string, word: string) =>
      buildArticle({
        feedId: feed.id,
        itemKey: key,
        title: `On the ${word}`,
        sentences: [
          {
            sentence: `"The ${word} is late," said Ada Lovelace.`,
            quote: { text: `The ${word} is late`, speaker: 'Ada Lovelace' },
            claim: { claimant: 'Ada Lovelace', claim: `The ${word} is late` },
          },
        ],
      });
    await store.upsertArticles([article('a', 'budget'), article('b', 'bridge')]);
    now = new Date('2026-04-01T06:00:00Z');
    await store.upsertArticle(article('c', 'strike'));
    now = new Date('2026-04-02T00:00:00Z');
    await store.upsertArticles([article('a', 'harbour'), article('d', 'ferry')]);
    await store.upsertArticle(article('c', 'election'));
    expect(await store.pruneArticles(new Date('2026-04-01T03:00:00Z'))).toBe(2);
    await store.close();
    const db = new Database(path);
    const mark = () => db.prepare(`SELECT upto FROM text_index_state WHERE name = 'articles'`).get();
    try {
      // Articles are indexed for topics by the first topic search, not while stored.
      expect(mark()).toEqual({ upto: 0 });
      const reopened = await openStore({ path });
      expect(
        (await reopened.articlesSeen({ since: new Date(0), topic: 'ferry' })).map((a) => a.itemKey),
      ).toEqual(['d']);
      // Once indexed, an edit updates the index at once; a new article waits for the next topic search.
      await reopened.upsertArticle(article('d', 'canal'));
      await reopened.upsertArticle(article('e', 'tunnel'));
      expect(mark()).toEqual({ upto: 4 });
      expect(await reopened.articlesSeen({ since: new Date(0), topic: 'ferry' })).toEqual([]);
      expect(mark()).toEqual({ upto: 5 });
      await reopened.close();
      for (const table of ['articles', 'quotes', 'claims', 'figures']) {
        // Throws SQLITE_CORRUPT_VTAB when the index and the content table disagree.
        db.prepare(`INSERT INTO ${table}_fts (${table}_fts, rank) VALUES ('integrity-check', 1)`).run();
      }
      const count = (word: string) =>
        db.prepare('SELECT count(*) AS n FROM quotes_fts WHERE quotes_fts MATCH ?').get(word);
      expect([count('election'), count('canal'), count('tunnel'), count('ferry'), count('harbour')]).toEqual([
        { n: 1 },
        { n: 1 },
        { n: 1 },
        { n: 0 },
        { n: 0 },
      ]);
    } finally {
      db.close();
    }
  });

  it('given three processes opening one new database file at once, then all migrate and each delivery key is won once', async () => {
    const path = join(dir, 'processes', 'briefwire.db');
    const results = await runStoreProcesses(path, '', ['p1', 'p2', 'p3']);
    const won = results.flatMap((r) => r.won).sort();
    expect(won).toEqual(Array.from({ length: 30 }, (_, i) => `article:${i}`).sort());
    const store = await openStore({ path });
    expect((await store.listFeeds()).map((f) => f.url).sort()).toEqual(
      ['p1', 'p2', 'p3'].map((label) => `https://process.example/${label}`),
    );
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
