import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../commands/index.ts';
import type { CommandInput, FeedService } from '../commands/types.ts';
import { createDispatcher } from '../src/chat/dispatcher.ts';
import type { CommandRequest } from '../src/chat/port.ts';
import { createLogger } from '../src/log.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/port.ts';
import { rng } from './generate.ts';
import type { BenchResult } from './measure.ts';
import { SEED_TOPICS, SPEAKERS, SURNAMES } from './seed-articles.ts';
import { seededStoreFile } from './seed-cache.ts';

/**
 * Articles seeded, as the issue asks. Seeding through the store takes about a minute on the shared 2-core
 * machine, so the seeded file is cached in the temp folder (see seed-cache.ts) and later runs only copy it.
 */
export const COMMAND_ARTICLES = 100_000;
/** Timed queries per command, after a few untimed warm-up ones. */
const QUERIES = 200;
const WARM_UP = 3;
/** After this long a command stops (once it has MIN_QUERIES timings), so a slow path cannot stall the suite. */
const BUDGET_MS = 20_000;
const MIN_QUERIES = 10;
/** Queries slower than this are listed by {@link timeCommands}: the target is p99 <= 50 ms. */
const SLOW_MS = 50;

const NO_FEEDS: FeedService = {
  addFromChat: () => Promise.reject(new Error('not used by the benchmark')),
  enable: () => Promise.reject(new Error('not used by the benchmark')),
};

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Number((sorted[Math.max(0, index)] ?? 0).toFixed(2));
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** Varied /who-said inputs: surnames, full names, a topic or a window, and some names nobody said anything as. */
function whoSaidInputs(count: number): CommandInput[] {
  const random = rng(7);
  return Array.from({ length: count }, (_, i) => {
    const roll = random();
    if (i % 10 === 9) return { name: `Unknown${i}` };
    if (roll < 0.5) return { name: pick(random, SURNAMES).toLowerCase() };
    if (roll < 0.7) return { name: pick(random, SPEAKERS) };
    if (roll < 0.85) return { name: pick(random, SURNAMES), topic: pick(random, SEED_TOPICS) };
    return { name: pick(random, SURNAMES), since: '7d' };
  });
}

/** Varied /claims inputs: none, a subject, a claimant's surname, with and without a window. */
function claimsInputs(count: number): CommandInput[] {
  const random = rng(11);
  return Array.from({ length: count }, () => {
    const roll = random();
    if (roll < 0.1) return {};
    if (roll < 0.55) return { topic: pick(random, SEED_TOPICS) };
    if (roll < 0.8) return { topic: pick(random, SURNAMES) };
    if (roll < 0.9) return { topic: pick(random, SEED_TOPICS), since: '3d' };
    return { topic: `${pick(random, SEED_TOPICS)} ${pick(random, SURNAMES)}` };
  });
}

/** p50/p99 of each command over a seeded store (see {@link benchCommands}); `slow` lists inputs over 50 ms. */
export async function timeCommands(
  store: Store,
  feedIds: number[],
  newest: Date,
): Promise<{ figures: Record<string, number>; slow: string[] }> {
  const dispatcher = createDispatcher({
    commands,
    store,
    feeds: NO_FEEDS,
    globalFeedIds: feedIds,
    logger: createLogger({ level: 'silent' }),
    clock: () => newest,
  });
  const slow: string[] = [];
  const time = async (command: string, inputs: CommandInput[]) => {
    const timings: number[] = [];
    let hits = 0;
    const until = performance.now() + BUDGET_MS;
    for (const [i, input] of inputs.entries()) {
      if (timings.length >= MIN_QUERIES && performance.now() > until) break;
      const request: CommandRequest = {
        command,
        input,
        channel: { platform: 'terminal', workspace: 'bench', channel: 'bench' },
        user: { id: 'bench', canManage: false },
      };
      const start = performance.now();
      const reply = await dispatcher.run(request);
      const ms = performance.now() - start;
      if (reply.blocks.some((b) => 'text' in b && /BW_[A-Z_]+/.test(String(b.text))))
        throw new Error(`/${command} failed: ${reply.summary}`);
      if (i < WARM_UP) continue;
      timings.push(ms);
      if (ms > SLOW_MS) slow.push(`/${command} ${JSON.stringify(input)} ${ms.toFixed(1)} ms`);
      if (reply.visibility === 'public') hits++;
    }
    timings.sort((a, b) => a - b);
    return { p50: percentile(timings, 50), p99: percentile(timings, 99), hits, runs: timings.length };
  };
  const whoSaid = await time('who-said', whoSaidInputs(QUERIES + WARM_UP));
  const claims = await time('claims', claimsInputs(QUERIES + WARM_UP));
  return {
    figures: {
      whoSaidP50Ms: whoSaid.p50,
      whoSaidP99Ms: whoSaid.p99,
      whoSaidQueries: whoSaid.runs,
      whoSaidAnswered: whoSaid.hits,
      claimsP50Ms: claims.p50,
      claimsP99Ms: claims.p99,
      claimsQueries: claims.runs,
      claimsAnswered: claims.hits,
    },
    slow,
  };
}

/**
 * /who-said and /claims through the real dispatcher and commands over generated articles in a temporary
 * SQLite file (five quotes, figures and claims each), timing each command end to end.
 */
export async function benchCommands(articles = COMMAND_ARTICLES): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'briefwire-bench-'));
  const path = join(dir, 'commands.db');
  try {
    const { feedIds, newest, seedSeconds, copySeconds } = await seededStoreFile(path, articles);
    const store = await openStore({ path });
    const { figures, slow } = await timeCommands(store, feedIds, newest);
    await store.close();
    for (const line of slow) process.stderr.write(`commands: slow ${line}\n`);
    return {
      name: 'commands',
      figures: {
        commandsArticles: articles,
        commandsSeedS: Number(seedSeconds.toFixed(1)),
        commandsCopyS: Number(copySeconds.toFixed(1)),
        ...figures,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
