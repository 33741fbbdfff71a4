import { commands } from '../../commands/index.ts';
import { parseCommandLine } from '../../commands/parse-text.ts';
import type { CommandContext, FeedService } from '../../commands/types.ts';
import type { Reply } from '../../src/briefing/blocks.ts';
import { createDispatcher, type DispatcherOptions } from '../../src/chat/dispatcher.ts';
import type { Dispatcher } from '../../src/chat/port.ts';
import { silentLogger } from '../../src/log.ts';
import { openStore } from '../../src/store/index.ts';
import type { ChannelKey, Store, StoredArticle } from '../../src/store/port.ts';
import { type ArticleSpec, article, asNewArticle, claim, figure, quote } from '../briefing/builders.ts';

/** Channels of two Slack workspaces: A has two channels, B one. */
export const A1: ChannelKey = { platform: 'slack', workspace: 'TA', channel: 'C1' };
export const A2: ChannelKey = { platform: 'slack', workspace: 'TA', channel: 'C2' };
export const B1: ChannelKey = { platform: 'slack', workspace: 'TB', channel: 'C9' };

/** Records what the commands asked of the feed service (the app wires the real one). */
export class RecordingFeedService implements FeedService {
  added: string[] = [];
  enabled: number[] = [];
  constructor(private readonly store: Store) {}
  async addFromChat(url: string) {
    this.added.push(url);
    const feed = await this.store.upsertFeed({ url, name: 'Added Feed', global: false });
    return { feedId: feed.id, title: feed.name };
  }
  async enable(feedId: number) {
    this.enabled.push(feedId);
    await this.store.updateFeedState(feedId, { disabled: false, failures: 0 });
  }
}

const US_SENTENCE =
  'According to a senior US source, Russia\'s allegation that it is pulling soldiers away from the Ukrainian border is "false," adding that 7,000 additional troops had arrived in recent days.';
const ZELENSKY_SENTENCE =
  '"We don\'t see any army retreat yet," Ukrainian President Volodymyr Zelensky told reporters.';
const MOSCOW_SENTENCE =
  'Following the end of military drills, Moscow claims it will move soldiers away from the Ukrainian border.';

/** The seed story (sentences from test/fixtures/seed.txt, ours) as the global feed reports it. */
export const SEED_SPEC: Omit<ArticleSpec, 'id' | 'feedId'> = {
  title: 'Russian Claim of Withdrawing Troops from Ukraine Border is False, says US',
  lede: US_SENTENCE,
  body: [MOSCOW_SENTENCE, ZELENSKY_SENTENCE],
  url: 'https://global.example/seed',
  claims: [
    claim(
      'a senior US source',
      'Russia\'s allegation that it is pulling soldiers away from the Ukrainian border is "false,"',
      US_SENTENCE,
    ),
    claim('Moscow', 'it will move soldiers away from the Ukrainian border', MOSCOW_SENTENCE),
  ],
  figures: [figure('7,000 additional troops', 7000, 'troops', US_SENTENCE, { about: 'additional troops' })],
  quotes: [quote("We don't see any army retreat yet", 'Volodymyr Zelensky', ZELENSKY_SENTENCE)],
  people: ['Volodymyr Zelensky'],
};

/** A store with a global feed (the seed), a feed subscribed in workspace A and one in workspace B. */
export interface World {
  store: Store;
  feeds: RecordingFeedService;
  clock: { now: Date };
  globalFeedId: number;
  feedA: number;
  feedB: number;
  ctx(channel: ChannelKey, canManage?: boolean): CommandContext;
  /** Parses a typed line and runs its command directly (no dispatcher). */
  run(line: string, channel?: ChannelKey, canManage?: boolean): Promise<Reply>;
  add(spec: Omit<ArticleSpec, 'id'>, seenAt?: Date): Promise<StoredArticle>;
}

let nextId = 1;

/** Builds the world at 2026-11-27 12:00 UTC; articles are first seen when `add` is called. */
export async function makeWorld(): Promise<World> {
  const clock = { now: new Date('2026-11-27T12:00:00Z') };
  const store = await openStore({ path: ':memory:', now: () => clock.now });
  const feeds = new RecordingFeedService(store);
  const global = await store.upsertFeed({
    url: 'https://global.example/rss',
    name: 'Global Wire',
    global: true,
  });
  const a = await store.upsertFeed({ url: 'https://a.example/rss', name: 'Workspace A Post', global: false });
  const b = await store.upsertFeed({
    url: 'https://b.example/rss',
    name: 'Workspace B Times',
    global: false,
  });
  await store.subscribe({ channel: A1, feedId: a.id, mode: 'digest' });
  await store.subscribe({ channel: B1, feedId: b.id, mode: 'digest' });
  const world: World = {
    store,
    feeds,
    clock,
    globalFeedId: global.id,
    feedA: a.id,
    feedB: b.id,
    ctx: (channel, canManage = false) => ({
      channel,
      user: { id: 'U1', name: 'tester', canManage },
      store,
      feeds,
      now: clock.now,
      globalFeedIds: [global.id],
      defaultTimezone: 'UTC',
    }),
    async run(line, channel = A1, canManage = false) {
      const parsed = parseCommandLine(line, commands);
      const command = commands.find((c) => c.name === parsed.command);
      if (!command) throw new Error(`no command ${parsed.command}`);
      return command.run(parsed.input, world.ctx(channel, canManage));
    },
    async add(spec, seenAt) {
      const before = clock.now;
      if (seenAt) clock.now = seenAt;
      const built = article({ ...spec, id: nextId++ });
      const { article: stored } = await store.upsertArticle(asNewArticle(built));
      clock.now = before;
      return stored;
    },
  };
  return world;
}

/** All the text of a reply, for content assertions that do not depend on layout. */
export function replyText(reply: Reply): string {
  return JSON.stringify(reply.blocks);
}

/** A dispatcher over the world's store, feeds and clock, with every command (override any option). */
export function worldDispatcher(world: World, options: Partial<DispatcherOptions> = {}): Dispatcher {
  return createDispatcher({
    commands,
    store: world.store,
    feeds: world.feeds,
    globalFeedIds: [world.globalFeedId],
    logger: silentLogger,
    clock: () => world.clock.now,
    ...options,
  });
}
