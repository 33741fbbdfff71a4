import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The Prometheus metrics briefwire exposes on /metrics, in their own registry (no global state). */
export interface Metrics {
  registry: Registry;
  feedFetch: Counter<'result'>;
  itemsIngested: Counter;
  extractSeconds: Histogram;
  commandSeconds: Histogram<'command' | 'platform'>;
  posts: Counter<'platform' | 'result'>;
  feedsDisabled: Gauge;
  pollLag: Gauge;
}

/** Creates the metric set and registers the default process metrics. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    feedFetch: new Counter({
      name: 'briefwire_feed_fetch_total',
      help: 'Feed fetches by result (ok, not-modified, error, blocked).',
      labelNames: ['result'],
      registers,
    }),
    itemsIngested: new Counter({
      name: 'briefwire_items_ingested_total',
      help: 'New or updated articles stored.',
      registers,
    }),
    extractSeconds: new Histogram({
      name: 'briefwire_extract_seconds',
      help: 'Time to extract one article.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    commandSeconds: new Histogram({
      name: 'briefwire_command_seconds',
      help: 'Time to answer a slash command.',
      labelNames: ['command', 'platform'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    posts: new Counter({
      name: 'briefwire_posts_total',
      help: 'Messages posted to chat platforms by result.',
      labelNames: ['platform', 'result'],
      registers,
    }),
    feedsDisabled: new Gauge({
      name: 'briefwire_feeds_disabled',
      help: 'Feeds disabled after repeated failures.',
      registers,
    }),
    pollLag: new Gauge({
      name: 'briefwire_poll_lag_seconds',
      help: 'How far the most overdue feed is past its due time.',
      registers,
    }),
  };
}
