import pg from 'pg';
import type PgBoss from 'pg-boss';
import type { Delivery } from '../app/delivery.ts';
import type { Config } from '../config.ts';
import type { FeedPoller } from '../feeds/poller.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { ShutdownStep } from '../ops/shutdown.ts';
import type { BriefingScheduler } from '../schedule/briefing-scheduler.ts';
import type { Schedule, Store } from '../store/port.ts';
import { startBoss } from './boss.ts';
import { DeliveryWorker } from './delivery-worker.ts';
import { lagging, pollLagSeconds } from './lag.ts';
import type { PollOutbox } from './outbox.ts';
import { PollWorker } from './poll-worker.ts';
import { chats, polls, type Role } from './roles.ts';
import { migrateClusterTables } from './tables.ts';

/** A cluster mode delivery lease: shorter than a delivery job's expiry, longer than any post takes. */
export const DELIVERY_LEASE_MS = 50_000;
/** A briefing window's lease, likewise under its job's expiry. */
export const BRIEFING_LEASE_MS = 240_000;

/** Options for {@link startCluster}. */
export interface ClusterOptions {
  role: Role;
  config: Config;
  url: string;
  store: Store;
  poller: FeedPoller;
  outbox: PollOutbox;
  delivery: Delivery;
  scheduler: BriefingScheduler;
  metrics: Metrics;
  logger: Logger;
  /** Planner tick, for tests; default a fifth of the poll interval, between 0.25 and 5 s. */
  tickMs?: number;
}

/** A running cluster member: what it runs, its health and its shutdown steps. */
export interface Cluster {
  boss: PgBoss;
  pollWorker: PollWorker | null;
  deliveryWorker: DeliveryWorker | null;
  /** Queues a briefing window (the scheduler's `enqueue`). */
  enqueueBriefing(schedule: Schedule, at: Date): Promise<void>;
  /** Poll lag and whether this member's part is running, for /healthz. */
  health(): Promise<{ ok: boolean; checks: Record<string, boolean | string> }>;
  /** Steps for the ordered shutdown: before chat (stop taking work) and after it (queue and connections). */
  stopFirst: ShutdownStep[];
  stopLast: ShutdownStep[];
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * Joins the cluster on Postgres: pg-boss and the cluster tables, then the worker share (planner and poll jobs)
 * and/or the bot share (delivery and briefing jobs) of the role.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { config } = options;
  const schema = config.database.schema;
  const interval = config.poll.intervalSeconds;
  const tickMs = options.tickMs ?? clamp((interval * 1000) / 5, 250, 5000);
  const pollingIntervalSeconds = clamp(interval / 5, 0.5, 2);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: config.poll.concurrency + 2,
    options: schema ? `-c search_path=${schema}` : undefined,
    application_name: 'briefwire-locks',
  });
  pool.on('error', () => undefined);
  try {
    return await joinCluster(options, pool, tickMs, pollingIntervalSeconds);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}

async function joinCluster(
  options: ClusterOptions,
  pool: pg.Pool,
  tickMs: number,
  pollingIntervalSeconds: number,
): Promise<Cluster> {
  const { config, store, logger, metrics, role } = options;
  const schema = config.database.schema;
  const interval = config.poll.intervalSeconds;
  await migrateClusterTables(pool, schema);
  // pg-boss installs its schema under its own lock, but creating queues (a partition each) from processes that
  // start together deadlocks: one process at a time sets it up.
  const setup = await pool.connect();
  let boss: PgBoss;
  try {
    await setup.query('SELECT pg_advisory_lock(hashtext($1))', [`briefwire.boss.${schema ?? 'public'}`]);
    boss = await startBoss({
      url: options.url,
      schema,
      logger,
      pollExpireSeconds: 120,
      pollingIntervalSeconds,
    });
  } finally {
    await setup.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    setup.release();
  }
  const pollWorker = polls(role)
    ? new PollWorker({
        boss,
        pool,
        store,
        poller: options.poller,
        outbox: options.outbox,
        logger,
        metrics,
        lockNamespace: `briefwire:${schema ?? 'public'}`,
        intervalSeconds: interval,
        concurrency: config.poll.concurrency,
        perHostConcurrency: config.poll.perHostConcurrency,
        tickMs,
        pollingIntervalSeconds,
      })
    : null;
  const deliveryWorker = chats(role)
    ? new DeliveryWorker({
        boss,
        store,
        delivery: options.delivery,
        scheduler: options.scheduler,
        logger,
        // Posting waits on the platform (and Slack's one-a-second pacing per channel), not the CPU.
        concurrency: 4,
        pollingIntervalSeconds,
      })
    : null;
  try {
    await pollWorker?.start();
    await deliveryWorker?.start();
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw error;
  }
  // Another bot's /schedule changes the shared table; every bot picks it up here.
  const resync = chats(role)
    ? setInterval(() => {
        void options.scheduler
          .sync()
          .catch((error: unknown) => logger.warn({ err: error }, 'schedule sync failed'));
      }, 30_000)
    : undefined;
  logger.info({ role, schema: schema ?? null }, 'joined the cluster (pg-boss on Postgres)');

  return {
    boss,
    pollWorker,
    deliveryWorker,
    enqueueBriefing: async (schedule, at) => {
      await deliveryWorker?.enqueueBriefing(schedule, at);
    },
    async health() {
      const lag = pollWorker ? pollWorker.lagSeconds : pollLagSeconds(await store.listFeeds(), new Date());
      metrics.pollLag.set(lag);
      const planned = pollWorker?.lastPlanAt;
      const plannerOk =
        !pollWorker || (planned != null && Date.now() - planned.getTime() < Math.max(60_000, tickMs * 6));
      const lagOk = !lagging(lag, interval);
      return {
        ok: plannerOk && lagOk,
        checks: { role, planner: plannerOk, pollLagSeconds: String(Math.round(lag)), pollLagOk: lagOk },
      };
    },
    stopFirst: [
      ...(pollWorker ? [{ name: 'poll-jobs', close: () => pollWorker.stop() }] : []),
      ...(deliveryWorker ? [{ name: 'delivery-jobs', close: () => deliveryWorker.stop() }] : []),
    ],
    stopLast: [
      {
        name: 'queue',
        close: async () => {
          if (resync) clearInterval(resync);
          await boss.stop({ graceful: true, wait: true, timeout: 5000 });
        },
      },
      { name: 'locks', close: () => pool.end() },
    ],
  };
}
