import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PostgresDriver } from '../../src/store/postgres/driver.ts';
import type { SqlDriver } from '../../src/store/sql/driver.ts';
import { searchByTopic } from '../../src/store/sql/search-topic.ts';
import { SqlStore } from '../../src/store/sql/store.ts';
import { SqliteDriver } from '../../src/store/sqlite/driver.ts';
import { buildArticle, TestClock } from './builder.ts';

const pgUrl = process.env.BRIEFWIRE_TEST_PG_URL;
const schemas: string[] = [];
afterAll(async () => {
  if (!pgUrl || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
});

/** The windows are plain SQL, so both backends must agree with their own full search. */
const BACKENDS: { name: string; skip: boolean; driver: () => SqlDriver }[] = [
  { name: 'SQLite', skip: false, driver: () => new SqliteDriver(':memory:') },
  {
    name: 'Postgres',
    skip: !pgUrl,
    driver: () => {
      const schema = `bw_windows_${randomBytes(4).toString('hex')}`;
      schemas.push(schema);
      return new PostgresDriver({ url: pgUrl ?? '', schema });
    },
  },
];

const MINUTE = 60_000;
const SUBJECTS = ['budget', 'strike', 'budget vote', 'harbour', 'budget strike'];

const opened: SqlStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

/**
 * Twelve articles over three feeds whose ids do not follow their first-seen order: the newest is stored
 * first, a batch shares one instant, the clock steps back, and an old article is edited last (new item ids,
 * old first-seen).
 */
async function seeded(driver: () => SqlDriver) {
  const clock = new TestClock();
  const db = driver();
  const store = new SqlStore(db, { now: clock.now });
  opened.push(store);
  await store.migrate();
  const feeds = await Promise.all(
    [0, 1, 2].map((f) => store.upsertFeed({ url: `https://w.example/${f}`, name: `W${f}`, global: true })),
  );
  const article = (i: number, edited = false) =>
    buildArticle({
      feedId: feeds[i % 3]?.id as number,
      itemKey: `item-${i}`,
      title: `Story ${i} on the ${SUBJECTS[i % SUBJECTS.length]}`,
      sentences: [0, 1, 2].map((q) => ({
        sentence: `"Line ${q} about the ${SUBJECTS[(i + q) % SUBJECTS.length]}${edited ? ' again' : ''}," Ana Ruiz said.`,
        quote: {
          text: `Line ${q} about the ${SUBJECTS[(i + q) % SUBJECTS.length]}${edited ? ' again' : ''}`,
          speaker: q === 1 ? 'Ana Ruiz' : 'Bo Chen',
        },
        claim: { claimant: 'Ana Ruiz', claim: `Line ${q} about the ${SUBJECTS[(i + q) % SUBJECTS.length]}` },
      })),
    });
  // The first article stored is the newest by first-seen: the lowest ids belong to the top hit.
  clock.advance(100 * MINUTE);
  await store.upsertArticle(article(0));
  clock.advance(-100 * MINUTE);
  for (let i = 1; i < 6; i++) {
    clock.advance(MINUTE);
    await store.upsertArticle(article(i));
  }
  clock.advance(MINUTE);
  await store.upsertArticles([6, 7, 8].map((i) => article(i)));
  clock.advance(-30 * MINUTE);
  await store.upsertArticle(article(9));
  clock.advance(60 * MINUTE);
  await store.upsertArticles([10, 11].map((i) => article(i)));
  const edit = await store.upsertArticle(article(1, true));
  expect(edit.status).toBe('updated');
  return { db, feeds, start: new TestClock().now() };
}

describe.each(BACKENDS)('topic search windows ($name)', ({ skip, driver }) => {
  it.skipIf(skip)(
    'given ids out of first-seen order, when searched newest-first by window, then the hits equal a full search',
    async () => {
      const { db, feeds, start } = await seeded(driver);
      const scopes = [
        {},
        { feedIds: [feeds[0]?.id as number] },
        { feedIds: [feeds[1]?.id as number, feeds[2]?.id as number] },
        { since: new Date(start.getTime() + 4 * MINUTE) },
      ];
      let compared = 0;
      for (const table of ['quotes', 'claims'] as const) {
        for (const words of [['budget'], ['strike'], ['budget', 'vote'], ['again'], ['harbour', 'ruiz']]) {
          for (const scope of scopes) {
            for (const limit of [1, 2, 4, 50]) {
              const none = { where: [], params: [] };
              const full = await searchByTopic(db, table, scope, words, none, limit, []);
              const windowed = await searchByTopic(db, table, scope, words, none, limit, [2, 5]);
              expect(
                windowed.map((row) => row.id),
                `${table} ${words} ${JSON.stringify(scope)} ${limit}`,
              ).toEqual(full.map((row) => row.id));
              compared += full.length;
            }
          }
        }
      }
      expect(compared).toBeGreaterThan(100);
    },
  );

  it.skipIf(skip)(
    'given an edited article, then only its new sentences are found, though it is older than the window',
    async () => {
      const { db } = await seeded(driver);
      const none = { where: [], params: [] };
      const hits = await searchByTopic(db, 'quotes', {}, ['again'], none, 3, [2]);
      expect(hits.map((row) => String(row.text))).toEqual([
        'Line 0 about the strike again',
        'Line 1 about the budget vote again',
        'Line 2 about the harbour again',
      ]);
    },
  );
});
