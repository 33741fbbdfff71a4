import type { Config } from '../config.ts';
import type { Store } from '../store/port.ts';

/**
 * Stores the operator's feeds (config file and `--feed`) as global, and returns every global feed's id: those
 * plus what `briefwire ingest` stored earlier (its feeds and hand-added articles), which every channel may query.
 */
export async function registerGlobalFeeds(store: Store, feeds: Config['feeds']): Promise<number[]> {
  for (const feed of feeds) {
    await store.upsertFeed({
      url: feed.url,
      name: feed.name ?? null,
      global: true,
      language: feed.language ?? null,
    });
  }
  return (await store.listFeeds()).filter((feed) => feed.global).map((feed) => feed.id);
}
