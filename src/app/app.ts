import type { Readable, Writable } from 'node:stream';
import { commands as COMMANDS } from '../../commands/index.ts';
import { briefChannel } from '../briefing/channel.ts';
import { createDispatcher } from '../chat/dispatcher.ts';
import type { ChatAdapter, Dispatcher } from '../chat/port.ts';
import type { SlackAdapter } from '../chat/slack/adapter.ts';
import { TERMINAL_CHANNEL } from '../chat/terminal/adapter.ts';
import { BRIEFING_LEASE_MS, type Cluster, DELIVERY_LEASE_MS, startCluster } from '../cluster/cluster.ts';
import { PollOutbox } from '../cluster/outbox.ts';
import { chats, polls, type Role, roleProblem } from '../cluster/roles.ts';
import type { Config } from '../config.ts';
import { createFeedSource } from '../feeds/poll-source.ts';
import { FeedPoller } from '../feeds/poller.ts';
import type { Logger } from '../log.ts';
import { createHttpServer } from '../ops/http-server.ts';
import { createMetrics, type Metrics } from '../ops/metrics.ts';
import { startRetention } from '../ops/retention.ts';
import { installShutdown, type ShutdownGate, type ShutdownStep } from '../ops/shutdown.ts';
import { BriefingScheduler } from '../schedule/briefing-scheduler.ts';
import { openStore } from '../store/index.ts';
import type { ChannelKey, Store } from '../store/port.ts';
import { loadAdapters, parseChannelKey } from './adapters.ts';
import { Delivery } from './delivery.ts';
import { createFeedService } from './feed-service.ts';
import { firstRoundStored } from './first-round.ts';
import { registerGlobalFeeds } from './global-feeds.ts';

/** Options for {@link startApp}: the validated config plus what the command line added. */
export interface AppOptions {
  config: Config;
  logger: Logger;
  /** Extra global feeds from `--feed` (trusted, like the config file's). */
  feeds?: string[];
  /** SQLite file from `--db`, over the config's. */
  dbPath?: string;
  /** Run the terminal chat when no chat platform is configured (default true). */
  terminal?: boolean | { input: Readable; output: Writable };
  /** Stop the app when the terminal chat closes (default: when its input is a TTY). */
  stopWhenTerminalCloses?: boolean;
  /** Exit the process when stopped (false in tests that drive the app in-process). */
  exitOnStop?: boolean;
  /** Signals caught since process start (the CLI installs it first thing). */
  gate?: ShutdownGate;
  /** Poller tick, for tests. */
  pollTickMs?: number;
  /** Which parts to run (default `all`); `bot` and `worker` need Postgres. */
  role?: Role;
}

/** A running briefwire: its parts, for tests and diagnostics, and how to stop it. */
export interface RunningApp {
  store: Store;
  metrics: Metrics;
  poller: FeedPoller;
  scheduler: BriefingScheduler;
  dispatcher: Dispatcher;
  adapters: Map<ChannelKey['platform'], ChatAdapter>;
  /** The pg-boss side, on Postgres only. */
  cluster: Cluster | null;
  http: { host: string; port: number };
  stop(reason?: string): Promise<void>;
}

/** Wires config, store, poller, scheduler, chat adapters and the HTTP server together, and starts them. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, logger } = options;
  const role = options.role ?? 'all';
  const problem = roleProblem(role, config.database.url);
  if (problem) throw new Error(problem);
  const url = config.database.url;
  const store = await openStore({
    path: options.dbPath ?? config.database.path,
    url,
    schema: config.database.schema,
  });
  const metrics = createMetrics();
  const cliFeeds: Config['feeds'] = (options.feeds ?? []).map((url) => ({ url }));
  const globalFeedIds = await registerGlobalFeeds(store, [...config.feeds, ...cliFeeds]);
  for (const schedule of config.schedules) {
    const channel = parseChannelKey(schedule.channel);
    if (channel)
      await store.upsertSchedule({
        channel,
        cron: schedule.cron,
        timezone: schedule.timezone ?? config.timezone,
      });
    else
      logger.warn(
        { channel: schedule.channel },
        'schedule channel must be platform:workspace:channel; skipped',
      );
  }

  const chatConfig = chats(role) ? config : { ...config, discord: {}, slack: { managers: [] } };
  // A whole workspace paused (removed) or resumed (added back); the scheduler then drops or restores its tasks.
  const setWorkspacePaused = (platform: ChannelKey['platform'], workspace: string, paused: boolean) => {
    void store
      .setWorkspacePaused(platform, workspace, paused)
      .then(async () => {
        if (paused)
          logger.warn({ platform, workspace }, 'removed from the workspace: pausing all its channels');
        else logger.info({ platform, workspace }, 'added to the workspace: resuming its channels');
        await scheduler.sync();
      })
      .catch((error: unknown) => logger.error({ err: error }, paused ? 'pause failed' : 'resume failed'));
  };
  const adapters = await loadAdapters(chatConfig, logger, chats(role) ? (options.terminal ?? true) : false, {
    // One lost channel is paused where its post failed (Delivery); a whole workspace is paused here.
    lost: ({ platform, workspace, channel }) => {
      if (!channel) setWorkspacePaused(platform, workspace, true);
    },
    // Added (back): what the removal paused runs again; a channel still closed to the bot pauses at its next post.
    joined: ({ platform, workspace }) => setWorkspacePaused(platform, workspace, false),
  });
  const delivery = new Delivery(store, adapters, metrics, logger, url ? DELIVERY_LEASE_MS : undefined);
  let cluster: Cluster | null = null;
  const scheduler = new BriefingScheduler({
    store,
    logger,
    leaseMs: url ? BRIEFING_LEASE_MS : undefined,
    enqueue: url ? (schedule, at) => (cluster as Cluster).enqueueBriefing(schedule, at) : undefined,
    post: (channel, reply) => delivery.post(channel, reply),
    compose: (channel, since, until) =>
      briefChannel(store, channel, { now: until, since, until, globalFeedIds }),
  });
  const inner = createDispatcher({
    commands: COMMANDS,
    store,
    feeds: createFeedService(store, { maxBytes: config.poll.maxBodyBytes }),
    globalFeedIds: () => globalFeedIds,
    logger,
    defaultTimezone: config.timezone,
    answers: config.chat.answers,
    schedulesChanged: () => scheduler.sync(),
  });
  const dispatcher: Dispatcher = {
    async run(request) {
      const end = metrics.commandSeconds.startTimer({
        command: request.command,
        platform: request.channel.platform,
      });
      try {
        return await inner.run(request);
      } finally {
        end();
      }
    },
    complete: (request) => inner.complete(request),
  };

  const outbox = new PollOutbox();
  const poller = new FeedPoller({
    store,
    logger,
    source: createFeedSource({ maxBytes: config.poll.maxBodyBytes }),
    intervalSeconds: config.poll.intervalSeconds,
    maxFailures: config.poll.maxFailures,
    concurrency: config.poll.concurrency,
    perHostConcurrency: config.poll.perHostConcurrency,
    tickMs: options.pollTickMs,
    // On Postgres the poll job queues deliveries for the bots; alone, this process posts them itself.
    onArticle: async (article, feed) => {
      if (url) outbox.article(feed.id, article);
      else await delivery.onArticle(article, feed);
    },
    onPrimed: async (articles, feed) => {
      if (url) outbox.primed(feed.id, articles);
      else await delivery.onPrimed(articles, feed);
    },
    onFeedDisabled: async (feed, reason) => {
      metrics.feedsDisabled.inc();
      if (cluster?.pollWorker) await cluster.pollWorker.send({ kind: 'disabled', feedId: feed.id, reason });
      else await delivery.onFeedDisabled(feed, reason);
    },
    onFetch: (result) => metrics.feedFetch.inc({ result }),
    onIngested: (count, seconds) => {
      metrics.itemsIngested.inc(count);
      for (const s of seconds) metrics.extractSeconds.observe(s);
    },
  });
  metrics.feedsDisabled.set((await store.listFeeds()).filter((f) => f.disabled).length);

  const tickMs = options.pollTickMs ?? 5000;
  const http = createHttpServer({
    metrics,
    logger,
    health: async () => {
      if (cluster) {
        const storeOk = await store.ping().catch(() => false);
        const health = await cluster
          .health()
          .catch(() => ({ ok: false, checks: { cluster: false } as Record<string, boolean | string> }));
        const checks: Record<string, boolean | string> = { store: storeOk, ...health.checks };
        return { ok: storeOk && health.ok, checks };
      }
      const storeOk = await store.ping().catch(() => false);
      const last = poller.lastTickAt;
      const pollerOk = last !== null && Date.now() - last.getTime() < Math.max(60_000, tickMs * 6);
      metrics.pollLag.set(poller.lagSeconds);
      const lagOk = poller.lagSeconds < config.poll.intervalSeconds;
      return {
        ok: storeOk && pollerOk && lagOk,
        checks: { store: storeOk, poller: pollerOk, pollLagSeconds: String(Math.round(poller.lagSeconds)) },
      };
    },
  });
  const slack = adapters.get('slack') as SlackAdapter | undefined;
  if (slack) http.use((req, res) => slack.handleHttp(req, res));
  const address = await http.listen(config.http.host, config.http.port);
  logger.info({ host: address.host, port: address.port }, 'http server listening (/healthz, /metrics)');

  try {
    // The terminal starts after the first round (below), so its first answers see the feeds' articles.
    for (const adapter of adapters.values())
      if (adapter.platform !== 'terminal') await adapter.start(dispatcher);
    if (url)
      cluster = await startCluster({
        role,
        config,
        url,
        store,
        poller,
        outbox,
        delivery,
        scheduler,
        metrics,
        logger,
        tickMs: options.pollTickMs,
      });
    else poller.start();
    // After the cluster: a window missed while down is queued at once, so the queue has to be up first.
    if (chats(role)) await scheduler.sync();
  } catch (error) {
    // A half-started process must not linger holding its port and connections.
    for (const adapter of adapters.values()) await adapter.stop().catch(() => undefined);
    await scheduler.stop();
    await http.close();
    await store.close().catch(() => undefined);
    throw error;
  }
  const retention =
    polls(role) && config.retention.days > 0 ? startRetention(store, config.retention.days, logger) : null;
  const terminalAdapter = adapters.get('terminal');
  const firstRound = new AbortController();
  if (terminalAdapter) {
    // A new user's first sight: once the first round of polls is in, the briefing it produced, then the prompt.
    // Alone, this process polled it; in a cluster, any worker may have, and the store tells.
    const polled = cluster
      ? firstRoundStored(store, () => globalFeedIds, { signal: firstRound.signal })
      : poller.firstTick;
    void polled
      .then(async () => {
        if (firstRound.signal.aborted) return;
        const reply = await briefChannel(store, TERMINAL_CHANNEL, { now: new Date(), globalFeedIds });
        await terminalAdapter.post(TERMINAL_CHANNEL, reply);
      })
      .catch((error: unknown) => logger.error({ err: error }, 'first briefing failed'))
      .then(() => (firstRound.signal.aborted ? undefined : terminalAdapter.start(dispatcher)));
  }
  logger.info({ role, feeds: globalFeedIds.length, platforms: [...adapters.keys()] }, 'briefwire started');

  // Order matters: stop taking new work, then close the gateway, Slack, the HTTP server, the scheduler, the
  // queue, the database.
  const steps: ShutdownStep[] = [
    ...(cluster ? cluster.stopFirst : [{ name: 'poller', close: () => poller.stop() }]),
    ...[...adapters.values()].map((a) => ({
      name: a.platform,
      close: () => {
        firstRound.abort();
        return a.stop();
      },
    })),
    { name: 'http', close: () => http.close() },
    {
      name: 'scheduler',
      close: async () => {
        retention?.stop();
        await scheduler.stop();
      },
    },
    ...(cluster ? cluster.stopLast : []),
    { name: 'store', close: () => store.close() },
  ];
  const shutdown = installShutdown(steps, {
    logger,
    gate: options.gate,
    // pg-boss waits for running jobs (polls are aborted, posts finish) before it lets go.
    forceAfterMs: cluster ? 10_000 : undefined,
    exit: options.exitOnStop === false ? () => {} : (code) => process.exit(code),
  });
  const terminal = adapters.get('terminal') as { closed?: Promise<void> } | undefined;
  const input = typeof options.terminal === 'object' ? options.terminal.input : process.stdin;
  // A person closing the chat ends the session; a service without a TTY (Docker) keeps running past EOF.
  const stopOnClose = options.stopWhenTerminalCloses ?? Boolean((input as { isTTY?: boolean }).isTTY);
  if (terminal?.closed && stopOnClose) void terminal.closed.then(() => shutdown.stop('terminal closed'));

  return {
    store,
    metrics,
    poller,
    scheduler,
    dispatcher,
    adapters,
    cluster,
    http: address,
    stop: (reason = 'stop') => shutdown.stop(reason),
  };
}
