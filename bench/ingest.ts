import Parser from 'rss-parser';
import type { Extraction } from '../src/extract/types.ts';
import { type ItemIdentity, itemKeys } from '../src/feeds/item-keys.ts';
import { parseFeed } from '../src/feeds/parse-feed.ts';
import { openStore } from '../src/store/index.ts';
import type { NewArticle } from '../src/store/port.ts';
import { generateRss } from './generate.ts';
import { type BenchResult, measureAsync } from './measure.ts';

const EMPTY: Extraction = {
  title: '',
  language: 'en',
  analysed: true,
  quotes: [],
  figures: [],
  claims: [],
  entities: { people: [], orgs: [] },
};

/**
 * Our ingest path without extraction (decode + parse + normalise + dedupe + store) against rss-parser's
 * `parseString` alone, on the same bytes. Every round stores a fresh copy under new feeds, so dedupe and
 * inserts are real (checked: every item of every round comes back `new`), one transaction per feed.
 */
export async function benchIngest(): Promise<BenchResult> {
  const store = await openStore({ path: ':memory:' });
  const feeds = Array.from({ length: 20 }, (_, i) => Buffer.from(generateRss(i + 1, 20, 'x')));
  const parser = new Parser();
  let round = 0;
  const baseline = await measureAsync(async () => {
    for (const bytes of feeds) await parser.parseString(bytes.toString('utf8'));
  }, feeds.length);
  const ours = await measureAsync(async () => {
    round++;
    for (const [i, bytes] of feeds.entries()) {
      const feed = await store.upsertFeed({ url: `https://news.example/${i}/${round}`, global: true });
      const parsed = await parseFeed(bytes);
      const identities = itemKeys(parsed.items);
      // Dedupe as the poller does: one query for every key and alias, then one batch for the new items.
      const known = await store.knownItemKeys(
        feed.id,
        identities.flatMap((k) => [k.key, ...k.aliases]),
      );
      const fresh: NewArticle[] = [];
      for (const [k, item] of parsed.items.entries()) {
        const { key, aliases } = identities[k] as ItemIdentity;
        if (known.has(key) || aliases.some((alias) => known.has(alias))) continue;
        known.add(key);
        fresh.push({
          feedId: feed.id,
          itemKey: key,
          url: item.link,
          title: item.title,
          published: item.published ? new Date(item.published) : null,
          text: `${item.title}\n\n${item.summary}`,
          extraction: { ...EMPTY, title: item.title },
        });
      }
      const stored = await store.upsertArticles(fresh);
      if (stored.length !== parsed.items.length || stored.some((s) => s.status !== 'new'))
        throw new Error('ingest bench: every round must store every item as new');
    }
  }, feeds.length);
  await store.close();
  return {
    name: 'ingest',
    figures: {
      ingestFeedsPerS: Math.round(ours.perSecond),
      rssParserFeedsPerS: Math.round(baseline.perSecond),
      ingestVsRssParser: Number((baseline.perSecond / ours.perSecond).toFixed(2)),
    },
  };
}
