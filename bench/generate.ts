import type { Extraction } from '../src/extract/types.ts';

/** Synthetic news text for benchmarks: deterministic, written from templates, nothing copied from anywhere. */

const PEOPLE = [
  'Maria Okafor',
  'Daniel Reyes',
  'Helen Brandt',
  'Tomas Novak',
  'Aisha Rahman',
  'Kenji Watanabe',
];
const ROLES = ['Finance Minister', 'the chief executive', 'Senator', 'the spokeswoman', 'Mayor', 'Professor'];
const ORGS = [
  'the Ministry of Transport',
  'Northwind Energy',
  'the city council',
  'the central bank',
  'Harbor Labs',
];
const NOUNS = [
  'troops',
  'homes',
  'workers',
  'passengers',
  'students',
  'patients',
  'vehicles',
  'tonnes of grain',
];
const TOPICS = [
  'the budget',
  'the new rail line',
  'the strike',
  'the flood defences',
  'the merger',
  'the election',
];

/** A small deterministic PRNG so every run benchmarks the same text. */
export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function sentence(random: () => number): string {
  const person = pick(random, PEOPLE);
  const role = pick(random, ROLES);
  const org = pick(random, ORGS);
  const noun = pick(random, NOUNS);
  const topic = pick(random, TOPICS);
  const n = Math.floor(random() * 90_000) + 100;
  const money = Math.floor(random() * 900) + 10;
  switch (Math.floor(random() * 6)) {
    case 0:
      return `"We will not accept any delay on ${topic}," ${role} ${person} told reporters on Tuesday.`;
    case 1:
      return `According to ${org}, more than ${n.toLocaleString('en-US')} ${noun} were affected by ${topic}.`;
    case 2:
      return `${person} said the plan would cost $${money} million (£${Math.round(money * 0.8)} million) over five years.`;
    case 3:
      return `The report found that about ${Math.floor(random() * 60) + 5} per cent of ${noun} had been counted twice.`;
    case 4:
      return `${org.replace(/^the /, 'The ')} denied claims that it had hidden the cost of ${topic} from regulators.`;
    default:
      return `Officials spent the week reviewing ${topic}, and a decision is expected before the end of the month.`;
  }
}

/** One article of roughly `words` words: a title and paragraphs of two to four sentences. */
export function generateArticle(seed: number, words = 800): string {
  const random = rng(seed);
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const size = 2 + Math.floor(random() * 3);
    const paragraph = Array.from({ length: size }, () => sentence(random)).join(' ');
    count += paragraph.split(/\s+/).length;
    paragraphs.push(paragraph);
  }
  const title = `${pick(random, ORGS).replace(/^the /, 'The ')} faces questions over ${pick(random, TOPICS)}`;
  return [title, ...paragraphs].join('\n\n');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An RSS 2.0 document of `count` items with short generated summaries; `salt` makes guids unique per copy. */
export function generateRss(seed: number, count: number, salt = ''): string {
  const random = rng(seed);
  const items = Array.from({ length: count }, (_, i) => {
    const title = escapeXml(
      `${pick(random, ORGS).replace(/^the /, 'The ')} and ${pick(random, TOPICS)} (${i})`,
    );
    const summary = escapeXml(`<p>${sentence(random)} ${sentence(random)}</p>`);
    const day = String((i % 28) + 1).padStart(2, '0');
    return `<item><guid isPermaLink="false">bench-${seed}-${salt}-${i}</guid><title>${title}</title><link>https://news.example/${seed}/${salt}/${i}</link><pubDate>Tue, ${day} Sep 2026 08:00:00 GMT</pubDate><description>${summary}</description></item>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench feed ${seed}</title><link>https://news.example/${seed}</link><description>generated</description>${items}</channel></rss>`;
}

const SECTIONS = ['Politics', 'Business', 'Transport', 'Climate', 'Health', 'World'];

/** Item `index` of news feed `seed`: the same bytes in every copy of the feed that holds it. */
function newsItem(seed: number, index: number): string {
  const random = rng(seed * 100_003 + index);
  const title = escapeXml(
    `${pick(random, ORGS).replace(/^the /, 'The ')} and ${pick(random, TOPICS)} (${index})`,
  );
  const paragraphs = Array.from({ length: 4 }, () => `<p>${sentence(random)} ${sentence(random)}</p>`);
  const at = new Date(Date.UTC(2026, 8, 1) + index * 600_000).toUTCString().replace('GMT', '+0000');
  const id = `${seed}-${index}`;
  return `<item>
<title>${title}</title>
<link>https://news.example/2026/story-${id}/</link>
<dc:creator><![CDATA[${pick(random, PEOPLE)}]]></dc:creator>
<pubDate>${at}</pubDate>
<category><![CDATA[${pick(random, SECTIONS)}]]></category>
<category><![CDATA[${pick(random, SECTIONS)}]]></category>
<guid isPermaLink="false">https://news.example/?p=${id}</guid>
<description><![CDATA[${sentence(random)} [&#8230;]]]></description>
<content:encoded><![CDATA[${paragraphs.join('\n')}]]></content:encoded>
</item>`;
}

/**
 * An RSS 2.0 document shaped like a news site's feed (what a CMS such as WordPress emits), holding items
 * `first` to `first + count - 1`, newest first: each with an author, two categories, a one-sentence teaser
 * and the article's first paragraphs as `content:encoded` HTML in CDATA. That is about 1.35 KB an item,
 * near the median (1.4 KB) of the real-world feeds in the shared fixtures with ten items or more, where
 * `generateRss` makes 0.45 KB teaser-only items.
 */
export function generateNewsRss(seed: number, first: number, count: number): string {
  const items = Array.from({ length: count }, (_, k) => newsItem(seed, first + count - 1 - k));
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Bench news ${seed}</title><link>https://news.example/</link><description>generated</description>
<language>en-GB</language><lastBuildDate>Tue, 01 Sep 2026 09:00:00 +0000</lastBuildDate>
${items.join('\n')}
</channel></rss>`;
}

/**
 * An extraction that found nothing, for benches that store articles without extracting them. Built field by
 * field: spreading a template costs more than some of the steps measured here.
 */
export function emptyExtraction(title: string): Extraction {
  return {
    title,
    language: 'en',
    analysed: true,
    quotes: [],
    figures: [],
    claims: [],
    entities: { people: [], orgs: [] },
  };
}
