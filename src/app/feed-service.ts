import type { FeedService } from '../../commands/types.ts';
import { UserError } from '../../commands/types.ts';
import { isFeedError } from '../feeds/errors.ts';
import { parseFeed } from '../feeds/parse-feed.ts';
import { loadFeed } from '../feeds/source.ts';
import type { Store } from '../store/port.ts';

/** Feed management for chat commands: every URL from chat goes through the SSRF guard before it is stored. */
export function createFeedService(store: Store, options: { maxBytes: number }): FeedService {
  return {
    async addFromChat(url) {
      if (!/^https?:\/\//i.test(url.trim()))
        throw new UserError('bad-url', 'Only http(s) feed URLs can be added.');
      try {
        const fetched = await loadFeed(url.trim(), { trusted: false, maxBytes: options.maxBytes });
        if (fetched.status !== 'ok')
          throw new UserError('feed-unreadable', 'The feed answered without a body.');
        const parsed = await parseFeed(fetched.body, {
          contentType: fetched.contentType,
          url: fetched.url,
          maxBytes: options.maxBytes,
        });
        const feed = await store.upsertFeed({
          url: url.trim(),
          name: parsed.title || null,
          global: false,
          language: parsed.language,
        });
        return { feedId: feed.id, title: parsed.title || null };
      } catch (error) {
        if (isFeedError(error))
          throw new UserError(`feed-${error.code}`, `Cannot add that feed: ${error.message}`);
        throw error;
      }
    },
    async enable(feedId) {
      await store.updateFeedState(feedId, {
        disabled: false,
        failures: 0,
        lastError: null,
        nextPollAt: new Date(),
      });
    },
  };
}
