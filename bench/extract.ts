import { readFileSync } from 'node:fs';
import { extractArticle, parseTextArticle } from '../src/extract/index.ts';
import { nlp } from '../src/extract/nlp.ts';
import { generateArticle } from './generate.ts';
import type { BenchResult } from './measure.ts';

/** Measured runs per side, each over all the texts. */
const RUNS = 20;

/** CPU time this process has used, in ms: what one core spends, whatever else the shared machine runs. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Units of work per CPU second of one run of `fn` (`units` units of work). */
function cpuRate(fn: () => void, units: number): number {
  const start = cpuMs();
  fn();
  return units / ((cpuMs() - start) / 1000);
}

/**
 * Extraction vs the NLP floor: wink-nlp `readDoc` alone with the engine's pipeline, on the same texts.
 * Both are timed in CPU time ("on one core") and in alternating runs, the same number of runs each, best
 * run kept: the load of a shared machine lands on both sides alike, and neither gets more tries at a
 * quiet moment than the other (timing each for a fixed duration gave the faster floor twice the runs).
 */
export async function benchExtract(): Promise<BenchResult> {
  const loadStart = performance.now();
  nlp().readDoc('Warm up.');
  const loadMs = performance.now() - loadStart;
  const rssAfterLoadMb = process.memoryUsage().rss / 1e6;
  const seed = readFileSync(new URL('../test/fixtures/seed.txt', import.meta.url), 'utf8');
  const texts = [seed, ...Array.from({ length: 49 }, (_, i) => generateArticle(i + 1))];
  const articles = texts.map(parseTextArticle);
  const words = texts.reduce((sum, t) => sum + t.split(/\s+/).length, 0) / texts.length;
  const readAll = () => {
    for (const text of texts) nlp().readDoc(text);
  };
  const extractAll = () => {
    for (const article of articles) extractArticle(article);
  };
  // Warm-up runs first (compilation, caches), then the measured ones.
  for (let run = 0; run < 3; run++) {
    readAll();
    extractAll();
  }
  let floor = 0;
  let full = 0;
  for (let run = 0; run < RUNS; run++) {
    floor = Math.max(floor, cpuRate(readAll, texts.length));
    full = Math.max(full, cpuRate(extractAll, texts.length));
  }
  const figures = {
    extractArticlesPerS: Math.round(full),
    nlpArticlesPerS: Math.round(floor),
    extractVsNlp: Number((floor / full).toFixed(2)),
    avgWords: Math.round(words),
    loadMs: Math.round(loadMs),
    rssAfterLoadMb: Math.round(rssAfterLoadMb),
  };
  return { name: 'extract', figures };
}
