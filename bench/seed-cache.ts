import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/index.ts';
import { SEED_NEWEST, seedQueryStore } from './seed-store.ts';

const PREFIX = 'briefwire-bench-commands-';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** What the seeded file is made by: the generator and the whole store (schema and write path). */
const SOURCES = ['bench/generate.ts', 'bench/seed-articles.ts', 'bench/seed-store.ts', 'src/store'];

/** A seeded store file ready for one run, and how it was obtained. */
export interface SeededFile {
  feedIds: number[];
  newest: Date;
  /** Seconds spent seeding in this run (0 when the cached file was reused). */
  seedSeconds: number;
  /** Seconds spent copying the cached file for this run. */
  copySeconds: number;
}

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** A hash of every source the seeded data depends on: a change to any of them seeds anew. */
function sourceKey(articles: number): string {
  const hash = createHash('sha256').update(String(articles));
  for (const file of SOURCES.flatMap((source) => files(join(ROOT, source)))) {
    hash.update(file.slice(ROOT.length)).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Removes seeded files of other sources, and partial ones left by runs that died an hour ago or more. */
function removeStale(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const file = join(tmpdir(), name);
    // A partial file may be another run's seeding in progress: only an old one is abandoned.
    const abandoned = !name.endsWith('.db') && Date.now() - statSync(file).mtimeMs > 3_600_000;
    if (name.endsWith('.db') || abandoned) rmSync(file, { force: true });
  }
}

/**
 * Copies a store of `articles` generated articles to `path`. The seeded file is kept in the temp folder,
 * keyed by {@link sourceKey}, so only the first run after a change pays for seeding; older files are removed.
 */
export async function seededStoreFile(path: string, articles: number): Promise<SeededFile> {
  const cached = join(tmpdir(), `${PREFIX}${articles}-${sourceKey(articles)}.db`);
  let seedSeconds = 0;
  let seeded: { feedIds: number[]; newest: Date } | null = null;
  if (!existsSync(cached)) {
    removeStale();
    // Seeded under another name and renamed when complete, so an interrupted run leaves no half file.
    const partial = `${cached}.${process.pid}.partial`;
    let clock = new Date();
    const store = await openStore({ path: partial, now: () => clock });
    const start = performance.now();
    seeded = await seedQueryStore(
      store,
      (now) => {
        clock = now;
      },
      articles,
    );
    seedSeconds = (performance.now() - start) / 1000;
    // Closing the last connection folds the WAL into the file, so the file alone is the database.
    await store.close();
    renameSync(partial, cached);
  }
  const copyStart = performance.now();
  copyFileSync(cached, path);
  const copySeconds = (performance.now() - copyStart) / 1000;
  if (!seeded) {
    const store = await openStore({ path });
    const feedIds = (await store.listFeeds()).map((feed) => feed.id);
    await store.close();
    seeded = { feedIds, newest: SEED_NEWEST };
  }
  return { ...seeded, seedSeconds, copySeconds };
}
