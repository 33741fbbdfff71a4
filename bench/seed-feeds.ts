/** Generated feeds for the poll benchmark: the same feed before (19 known items) and after (one new) a poll. */
import { generateArticle } from './generate.ts';

/** The poller's interval, and how long before the cycle the primed feeds were last polled. */
export const INTERVAL_SECONDS = 900;

/** Items a feed held when it was primed. */
export const KNOWN_ITEMS = 19;

const TOPICS = [
  'the budget',
  'the rail line',
  'the strike',
  'the flood defences',
  'the merger',
  'the election',
];

/** The ETag feed `index` carried when the store primed it. */
export function primedEtag(index: number): string {
  return `"bench-${index}-v1"`;
}

/** The ETag of the feed once its new item is in. */
export function freshEtag(index: number): string {
  return `"bench-${index}-v2"`;
}

function knownItem(index: number, item: number): string {
  const topic = TOPICS[(index + item) % TOPICS.length];
  const day = String((item % 28) + 1).padStart(2, '0');
  return `<item><guid isPermaLink="false">poll-${index}-${item}</guid><title>Update ${item} on ${topic} (feed ${index})</title><link>https://news.example/${index}/${item}</link><pubDate>Tue, ${day} Sep 2026 08:00:00 GMT</pubDate><description>&lt;p&gt;Officials in district ${index} gave update ${item} on ${topic}, and a decision is expected before the end of the month.&lt;/p&gt;</description></item>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The new item: a full article (about 150 words) in content:encoded, long enough that the poller takes the
 * feed's text instead of fetching the page.
 */
function newItem(index: number): string {
  const [title = '', ...paragraphs] = generateArticle(index + 1, 150).split('\n\n');
  const html = paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('');
  return `<item><guid isPermaLink="false">poll-${index}-new</guid><title>${escapeXml(title)}</title><link>https://news.example/${index}/new</link><pubDate>Wed, 30 Sep 2026 08:00:00 GMT</pubDate><description>${escapeXml(`<p>${escapeXml(title)}</p>`)}</description><content:encoded><![CDATA[${html}]]></content:encoded></item>`;
}

/** Feed `index` as an RSS 2.0 document: its known items, and first the new one when `fresh`. */
export function benchFeedXml(index: number, fresh: boolean): string {
  const items = Array.from({ length: KNOWN_ITEMS }, (_, item) => knownItem(index, item));
  if (fresh) items.unshift(newItem(index));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench feed ${index}</title><link>https://news.example/${index}</link><description>generated</description><language>en</language>${items.join('\n')}</channel></rss>`;
}
