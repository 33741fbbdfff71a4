import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { PostgresDriver } from '../../src/store/postgres/driver.ts';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations.ts';
import { expectSpeakerIndexesFilled, storeBeforeSpeakerIndexes } from './backfill.ts';
import { storeContract } from './contract.ts';
import { runStoreProcesses } from './processes.ts';

// The only place these tests learn about Postgres; CI sets it, a laptop without Postgres skips visibly.
const url = process.env.BRIEFWIRE_TEST_PG_URL;
const prefix = `bw_test_${randomBytes(4).toString('hex')}`;
let count = 0;
const schemas: string[] = [];

function freshSchema(): string {
  const schema = `${prefix}_${++count}`;
  schemas.push(schema);
  return schema;
}

afterAll(async () => {
  if (!url || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
});

describe.skipIf(!url)('Postgres store (BRIEFWIRE_TEST_PG_URL)', () => {
  const pgUrl = url ?? '';

  storeContract({
    async open(now) {
      const schema = freshSchema();
      return {
        store: await openStore({ url: pgUrl, schema, now }),
        reopen: () => openStore({ url: pgUrl, schema, now }),
      };
    },
  });

  it('given two processes starting at once on a new schema, when both migrate, then both succeed and the schema is applied once', async () => {
    const schema = freshSchema();
    const stores = await Promise.all([openStore({ url: pgUrl, schema }), openStore({ url: pgUrl, schema })]);
    try {
      const [one, two] = stores;
      if (!one || !two) throw new Error('stores not opened');
      const feed = await one.upsertFeed({ url: 'https://race.example/rss', global: true });
      expect(await two.getFeed(feed.id)).toMatchObject({ url: 'https://race.example/rss' });
      await Promise.all([one.migrate(), two.migrate()]);
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      try {
        const applied = await client.query(
          `SELECT version FROM "${schema}".schema_migrations ORDER BY version`,
        );
        expect(applied.rows.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
      } finally {
        await client.end();
      }
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('given quotes stored before the speaker indexes existed, when migrated, then the indexes are filled from them', async () => {
    const schema = freshSchema();
    const old = new PostgresDriver({ url: pgUrl, schema }, POSTGRES_MIGRATIONS.slice(0, 3));
    await old.migrate();
    await storeBeforeSpeakerIndexes(old);
    await old.close();
    const store = await openStore({ url: pgUrl, schema });
    try {
      await expectSpeakerIndexesFilled(store);
    } finally {
      await store.close();
    }
  });

  it('given three processes starting at once on a new schema, then all migrate and each delivery key is won once', async () => {
    const schema = freshSchema();
    const results = await runStoreProcesses(pgUrl, schema, ['p1', 'p2', 'p3']);
    const won = results.flatMap((r) => r.won).sort();
    expect(won).toEqual(Array.from({ length: 30 }, (_, i) => `article:${i}`).sort());
    const store = await openStore({ url: pgUrl, schema });
    expect(await store.listFeeds()).toHaveLength(3);
    await store.close();
  });

  it('given a schema name that is not a lower-case identifier, when opening, then it is refused before any SQL runs', async () => {
    await expect(openStore({ url: pgUrl, schema: 'x"; DROP SCHEMA public; --' })).rejects.toThrow(
      /invalid Postgres schema/,
    );
    await expect(openStore({ url: pgUrl, schema: 'Mixed_Case' })).rejects.toThrow(/invalid Postgres schema/);
  });
});
