import type { ChannelKey, ClaimOptions, Schedule, Subscription, SubscriptionMode } from '../port.ts';
import type { SqlDriver, SqlExecutor } from './driver.ts';
import { type Row, toDateOrNull, toSchedule, toSubscription } from './rows.ts';

const CHANNEL = 'platform = ? AND workspace = ? AND channel = ?';

function channelParams(channel: ChannelKey): string[] {
  return [channel.platform, channel.workspace, channel.channel];
}

/** Subscribes a channel to a feed, or updates the mode (and backfill, when given) of its subscription. */
export async function subscribe(
  db: SqlExecutor,
  sub: { channel: ChannelKey; feedId: number; mode: SubscriptionMode; backfill?: number },
  now: Date,
): Promise<Subscription> {
  const rows = await db.all<Row>(
    `INSERT INTO subscriptions (platform, workspace, channel, feed_id, mode, backfill, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (platform, workspace, channel, feed_id) DO UPDATE SET
       mode = excluded.mode,
       backfill = CASE WHEN ? THEN excluded.backfill ELSE subscriptions.backfill END
     RETURNING *`,
    [...channelParams(sub.channel), sub.feedId, sub.mode, sub.backfill ?? 0, now, sub.backfill !== undefined],
  );
  const row = rows[0];
  if (!row) throw new Error('subscription upsert returned no row');
  return toSubscription(row);
}

/** Removes a subscription; whether one existed. */
export async function unsubscribe(db: SqlExecutor, channel: ChannelKey, feedId: number): Promise<boolean> {
  const changed = await db.run(`DELETE FROM subscriptions WHERE ${CHANNEL} AND feed_id = ?`, [
    ...channelParams(channel),
    feedId,
  ]);
  return changed > 0;
}

/** A channel's subscriptions, by feed id. */
export async function listSubscriptions(db: SqlExecutor, channel: ChannelKey): Promise<Subscription[]> {
  const rows = await db.all<Row>(`SELECT * FROM subscriptions WHERE ${CHANNEL} ORDER BY feed_id`, [
    ...channelParams(channel),
  ]);
  return rows.map(toSubscription);
}

/** Every channel subscribed to a feed. */
export async function subscriptionsForFeed(db: SqlExecutor, feedId: number): Promise<Subscription[]> {
  const rows = await db.all<Row>(
    'SELECT * FROM subscriptions WHERE feed_id = ? ORDER BY platform, workspace, channel',
    [feedId],
  );
  return rows.map(toSubscription);
}

/** Feed ids subscribed by any channel of a workspace or guild (paused ones included: still subscribed). */
export async function workspaceFeedIds(
  db: SqlExecutor,
  platform: ChannelKey['platform'],
  workspace: string,
): Promise<number[]> {
  const rows = await db.all<Row>(
    'SELECT DISTINCT feed_id FROM subscriptions WHERE platform = ? AND workspace = ? ORDER BY feed_id',
    [platform, workspace],
  );
  return rows.map((row) => Number(row.feed_id));
}

/** Pauses or resumes a channel's subscriptions and schedules together. */
export async function setChannelPaused(
  db: SqlDriver,
  channel: ChannelKey,
  paused: boolean,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const where = `${CHANNEL} AND paused <> ?`;
    const params = [paused, ...channelParams(channel), paused];
    const subscriptions = await tx.run(`UPDATE subscriptions SET paused = ? WHERE ${where}`, params);
    const schedules = await tx.run(`UPDATE schedules SET paused = ? WHERE ${where}`, params);
    return subscriptions + schedules > 0;
  });
}

/** Pauses or resumes every subscription and schedule of a workspace or guild. */
export async function setWorkspacePaused(
  db: SqlDriver,
  platform: ChannelKey['platform'],
  workspace: string,
  paused: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    const where = 'platform = ? AND workspace = ?';
    await tx.run(`UPDATE subscriptions SET paused = ? WHERE ${where}`, [paused, platform, workspace]);
    await tx.run(`UPDATE schedules SET paused = ? WHERE ${where}`, [paused, platform, workspace]);
  });
}

/** Creates a channel's schedule or replaces its cron and timezone (one schedule per channel, id kept). */
export async function upsertSchedule(
  db: SqlExecutor,
  schedule: { channel: ChannelKey; cron: string; timezone: string },
  now: Date,
): Promise<Schedule> {
  const rows = await db.all<Row>(
    `INSERT INTO schedules (platform, workspace, channel, cron, timezone, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (platform, workspace, channel) DO UPDATE SET cron = excluded.cron, timezone = excluded.timezone
     RETURNING *`,
    [...channelParams(schedule.channel), schedule.cron, schedule.timezone, now],
  );
  const row = rows[0];
  if (!row) throw new Error('schedule upsert returned no row');
  return toSchedule(row);
}

/** Removes a channel's schedules; how many. */
export async function deleteSchedules(db: SqlExecutor, channel: ChannelKey): Promise<number> {
  return db.run(`DELETE FROM schedules WHERE ${CHANNEL}`, channelParams(channel));
}

/** Every schedule, oldest first. */
export async function listSchedules(db: SqlExecutor): Promise<Schedule[]> {
  const rows = await db.all<Row>('SELECT * FROM schedules ORDER BY id');
  return rows.map(toSchedule);
}

/** Records a schedule's last run. */
export async function markScheduleRun(db: SqlExecutor, id: number, at: Date): Promise<void> {
  await db.run('UPDATE schedules SET last_run_at = ? WHERE id = ?', [at, id]);
}

/**
 * Claims a delivery: the insert succeeds for exactly one caller however many race (the primary key decides).
 * A leased claim that expired unsent can be taken over by one caller (the conditional update decides).
 */
export async function claimDelivery(
  db: SqlExecutor,
  key: string,
  channel: ChannelKey,
  options: ClaimOptions | undefined,
  now: Date,
): Promise<boolean> {
  const leaseUntil = options?.leaseMs === undefined ? null : new Date(now.getTime() + options.leaseMs);
  const inserted = await db.run(
    `INSERT INTO deliveries (delivery_key, platform, workspace, channel, claimed_at, lease_until)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    [key, ...channelParams(channel), now, leaseUntil],
  );
  if (inserted > 0) return true;
  if (leaseUntil === null) return false;
  const taken = await db.run(
    `UPDATE deliveries SET claimed_at = ?, lease_until = ?
     WHERE delivery_key = ? AND ${CHANNEL}
       AND sent_at IS NULL AND lease_until IS NOT NULL AND lease_until <= ?`,
    [now, leaseUntil, key, ...channelParams(channel), now],
  );
  return taken > 0;
}

/** Marks a delivery as posted. */
export async function completeDelivery(db: SqlExecutor, key: string, channel: ChannelKey, now: Date) {
  await db.run(
    `UPDATE deliveries SET sent_at = ?, lease_until = NULL WHERE delivery_key = ? AND ${CHANNEL}`,
    [now, key, ...channelParams(channel)],
  );
}

/** Gives back a claim that was not completed. */
export async function releaseDelivery(db: SqlExecutor, key: string, channel: ChannelKey): Promise<void> {
  await db.run(`DELETE FROM deliveries WHERE delivery_key = ? AND ${CHANNEL} AND sent_at IS NULL`, [
    key,
    ...channelParams(channel),
  ]);
}

/** The last recorded briefing for a channel. */
export async function lastBriefingAt(db: SqlExecutor, channel: ChannelKey): Promise<Date | null> {
  const [row] = await db.all<Row>(`SELECT max(sent_at) AS at FROM briefings_sent WHERE ${CHANNEL}`, [
    ...channelParams(channel),
  ]);
  return toDateOrNull(row?.at);
}

/** Records a posted briefing. */
export async function recordBriefing(db: SqlExecutor, channel: ChannelKey, at: Date): Promise<void> {
  await db.run('INSERT INTO briefings_sent (platform, workspace, channel, sent_at) VALUES (?, ?, ?, ?)', [
    ...channelParams(channel),
    at,
  ]);
}
