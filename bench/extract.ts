import { readFileSync } from 'node:fs';
import { extractArticle, parseTextArticle } from '../src/extract/index.ts';
import { nlp } from '../src/extract/nlp.ts';
import { generateArticle } from './generate.ts';
import { type BenchResult, measure } from './measure.ts';

/** Extraction vs the NLP floor: wink-nlp `readDoc` alone with the engine's pipeline, on the same texts. */
export async function benchExtract(): Promise<BenchResult> {
  const loadStart = performance.now();
  nlp().readDoc('Warm up.');
  const loadMs = performance.now() - loadStart;
  const rssAfterLoadMb = process.memoryUsage().rss / 1e6;
  const seed = readFileSync(new URL('../test/fixtures/seed.txt', import.meta.url), 'utf8');
  const texts = [seed, ...Array.from({ length: 49 }, (_, i) => generateArticle(i + 1))];
  const articles = texts.map(parseTextArticle);
  const words = texts.reduce((sum, t) => sum + t.split(/\s+/).length, 0) / texts.length;
  const floor = measure(() => {
    for (const text of texts) nlp().readDoc(text);
  }, texts.length);
  const full = measure(() => {
    for (const article of articles) extractArticle(article);
  }, texts.length);
  const figures = {
    extractArticlesPerS: Math.round(full.perSecond),
    nlpArticlesPerS: Math.round(floor.perSecond),
    extractVsNlp: Number((floor.perSecond / full.perSecond).toFixed(2)),
    avgWords: Math.round(words),
    loadMs: Math.round(loadMs),
    rssAfterLoadMb: Math.round(rssAfterLoadMb),
  };
  return { name: 'extract', figures };
}
