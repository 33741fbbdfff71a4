import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Logger } from '../log.ts';

/** pg-boss queue names. */
export const QUEUES = {
  /** One feed to poll; `short` policy: at most one queued job per feed. */
  poll: 'briefwire-poll',
  /** A new article, a first poll's backfill or a disabled-feed notice to post. */
  deliver: 'briefwire-deliver',
  /** One scheduled briefing window; the job id is derived from the window, so bots firing together queue one. */
  briefing: 'briefwire-briefing',
} as const;

/** Options for {@link startBoss}. */
export interface BossOptions {
  url: string;
  /** The schema briefwire's tables live in; pg-boss gets `<schema>_boss` (or `briefwire_boss`). */
  schema: string | undefined;
  logger: Logger;
  /** How long a poll job may run before pg-boss hands it to another worker. */
  pollExpireSeconds: number;
  /** How often idle workers look for jobs. */
  pollingIntervalSeconds: number;
}

/** The pg-boss schema for a briefwire schema. */
export function bossSchema(schema: string | undefined): string {
  return schema ? `${schema}_boss` : 'briefwire_boss';
}

/** A UUID derived from a key, so every process sending the same logical job sends the same job id. */
export function keyedJobId(key: string): string {
  const hex = createHash('sha1').update(key).digest('hex');
  // Version 5 and RFC 4122 variant bits, as for a name-based UUID.
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** Starts pg-boss (installing or migrating its schema under its own advisory lock) and creates the queues. */
export async function startBoss(options: BossOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.url,
    schema: bossSchema(options.schema),
    max: 4,
    application_name: 'briefwire',
    // briefwire's schedules run on node-cron in every bot; pg-boss's own cron is not used.
    schedule: false,
  });
  boss.on('error', (error) => options.logger.warn({ err: error }, 'pg-boss error'));
  await boss.start();
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  if (!existing.has(QUEUES.poll))
    await boss.createQueue(QUEUES.poll, {
      name: QUEUES.poll,
      policy: 'short',
      // A retried poll job re-reads the feed and polls only if it is still due.
      retryLimit: 3,
      retryDelay: 1,
      expireInSeconds: options.pollExpireSeconds,
    });
  if (!existing.has(QUEUES.deliver))
    await boss.createQueue(QUEUES.deliver, {
      name: QUEUES.deliver,
      policy: 'standard',
      retryLimit: 8,
      retryDelay: 2,
      retryBackoff: true,
      expireInSeconds: 120,
    });
  if (!existing.has(QUEUES.briefing))
    await boss.createQueue(QUEUES.briefing, {
      name: QUEUES.briefing,
      policy: 'standard',
      retryLimit: 5,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: 300,
    });
  return boss;
}
