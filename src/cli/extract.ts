import { parseArgs } from 'node:util';
import { colorEnabled } from '../config.ts';
import { extractArticle, parseTextArticle } from '../extract/index.ts';
import type { ArticleText } from '../extract/types.ts';
import { articleFromHtml } from '../feeds/article-html.ts';
import { CliError } from './errors.ts';
import { type CliInput, looksBinary, readCliInput } from './input.ts';
import { renderExtraction } from './render-extraction.ts';

/** Help text for `briefwire extract`. */
export const EXTRACT_USAGE = 'briefwire extract <file|url|-> [--json]';

/** Fetches an article URL the operator named on the command line (trusted, so no SSRF guard). */
export async function plainFetch(url: string): Promise<CliInput> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(15_000), redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new CliError(`${url}: unreachable (${cause})`);
  }
  if (!response.ok) throw new CliError(`${url}: HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  return { bytes, url, kind: /html/i.test(type) ? 'html' : /text\/plain/i.test(type) ? 'text' : 'html' };
}

/** Turns CLI input into an article: `.txt` format or HTML through Readability; bad input is a CliError. */
export function toArticle(input: CliInput, source: string): ArticleText {
  if (input.bytes.length === 0 || input.bytes.toString('utf8').trim() === '')
    throw new CliError(`${source}: empty input`);
  if (looksBinary(input.bytes)) throw new CliError(`${source}: binary file, expected text or HTML`);
  const text = input.bytes.toString('utf8');
  const isHtml =
    input.kind === 'html' || (input.kind === 'unknown' && /^\s*<(!doctype|html|head|body)/i.test(text));
  if (!isHtml) return parseTextArticle(text);
  const article = articleFromHtml(text, input.url);
  if (!article || article.paragraphs.length === 0)
    throw new CliError(`${source}: no article found in the page`);
  return article;
}

/** `briefwire extract`: prints the claims, figures and quotes of one article. */
export async function runExtract(args: string[], out: NodeJS.WriteStream): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' } },
    allowPositionals: true,
  });
  const source = positionals[0];
  if (!source || positionals.length > 1) throw new CliError(`usage: ${EXTRACT_USAGE}`, 2);
  const article = toArticle(await readCliInput(source, plainFetch), source);
  const result = extractArticle(article);
  out.write(
    values.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderExtraction(result, colorEnabled(out))}\n`,
  );
}
