import type pg from 'pg';

/**
 * The cluster's own bookkeeping, beside the store's tables (the Store port stays database-neutral):
 * `cluster_poll_attempts` holds one row per feed while a poll runs, so a poll cut short by a crash is known
 * to the next one, which re-sends the deliveries the crashed one may not have sent.
 */
const CLUSTER_TABLES = `
CREATE TABLE IF NOT EXISTS cluster_poll_attempts (
  feed_id integer PRIMARY KEY,
  started_at timestamptz NOT NULL,
  was_primed boolean NOT NULL
)`;

/** Creates the cluster tables; an advisory lock serialises processes that start together. */
export async function migrateClusterTables(pool: pg.Pool, schema: string | undefined): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `briefwire.cluster.${schema ?? 'public'}`,
    ]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(CLUSTER_TABLES);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** A poll attempt a crashed process left behind. */
export interface LeftoverAttempt {
  startedAt: Date;
  wasPrimed: boolean;
}

/** The attempt a crashed poll of this feed left behind, if any. */
export async function leftoverAttempt(
  db: pg.Pool | pg.PoolClient,
  feedId: number,
): Promise<LeftoverAttempt | null> {
  const { rows } = await db.query<{ started_at: Date; was_primed: boolean }>(
    'SELECT started_at, was_primed FROM cluster_poll_attempts WHERE feed_id = $1',
    [feedId],
  );
  return rows[0] ? { startedAt: rows[0].started_at, wasPrimed: rows[0].was_primed } : null;
}

/**
 * Records that a poll of the feed starts. The start time comes from the worker's clock, the one the store
 * stamps `firstSeen` with; an existing row keeps its time, since its deliveries stay owed until one attempt ends.
 */
export async function beginAttempt(
  db: pg.Pool | pg.PoolClient,
  feedId: number,
  primed: boolean,
  now: Date,
): Promise<void> {
  await db.query(
    'INSERT INTO cluster_poll_attempts (feed_id, started_at, was_primed) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [feedId, now, primed],
  );
}

/** Marks the feed's poll attempt finished: its deliveries are all queued. */
export async function endAttempt(db: pg.Pool | pg.PoolClient, feedId: number): Promise<void> {
  await db.query('DELETE FROM cluster_poll_attempts WHERE feed_id = $1', [feedId]);
}

/** Feeds with an attempt older than `seconds` (a crashed poll whose deliveries may be owed). */
export async function staleAttempts(db: pg.Pool, seconds: number): Promise<number[]> {
  const { rows } = await db.query<{ feed_id: number }>(
    `SELECT feed_id FROM cluster_poll_attempts WHERE started_at < now() - make_interval(secs => $1) LIMIT 500`,
    [seconds],
  );
  return rows.map((r) => r.feed_id);
}
