import { readFileSync } from 'node:fs';
import { extractArticle, parseTextArticle } from '../src/extract/index.ts';
import { nlp } from '../src/extract/nlp.ts';
import { generateArticle } from './generate.ts';
import type { BenchResult } from './measure.ts';

/** CPU time this process has used, in ms: what one core spends, whatever else the shared machine runs. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs `fn` (`units` units of work) until `budgetMs` of CPU time have passed; the best rate per CPU second. */
function bestCpuRate(fn: () => void, units: number, budgetMs: number): number {
  let best = 0;
  const until = cpuMs() + budgetMs;
  do {
    const start = cpuMs();
    fn();
    best = Math.max(best, units / ((cpuMs() - start) / 1000));
  } while (cpuMs() < until);
  return best;
}

/**
 * Extraction vs the NLP floor: wink-nlp `readDoc` alone with the engine's pipeline, on the same texts.
 * Both are timed in CPU time ("on one core"), in alternating turns, so the load of a shared machine
 * lands on neither side more than the other: wall-clock best-of favours the shorter batch (the floor),
 * which is likelier to run between interruptions.
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
  readAll();
  extractAll();
  let floor = 0;
  let full = 0;
  // 1.5 s of CPU time for each side, in six turns each.
  for (let turn = 0; turn < 6; turn++) {
    floor = Math.max(floor, bestCpuRate(readAll, texts.length, 250));
    full = Math.max(full, bestCpuRate(extractAll, texts.length, 250));
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
