import pc from 'picocolors';
import type { Extraction } from '../extract/types.ts';

/** A readable terminal briefing of one article's extraction; colour only when asked. */
export function renderExtraction(result: Extraction, color: boolean): string {
  const c = pc.createColors(color);
  const lines: string[] = [c.bold(result.title || '(untitled)')];
  if (!result.analysed) {
    lines.push(c.dim(`Not analysed: language "${result.language}" (English only for now).`));
    return lines.join('\n');
  }
  const section = (name: string, count: number) => {
    lines.push('', c.cyan(c.bold(`${name} (${count})`)));
  };
  section('Claims', result.claims.length);
  for (const claim of result.claims) lines.push(`  • ${c.bold(claim.claimant)}: ${claim.claim}`);
  section('Figures', result.figures.length);
  for (const figure of result.figures) {
    const about = figure.about ? c.dim(` (${figure.about})`) : '';
    const conv = figure.equivalentOf !== undefined ? c.dim(' [conversion]') : '';
    lines.push(`  • ${c.yellow(figure.text)}${figure.unit ? ` ${c.dim(figure.unit)}` : ''}${about}${conv}`);
  }
  section('Quotes', result.quotes.length);
  for (const quote of result.quotes) {
    lines.push(`  • “${quote.text}” — ${quote.speaker ? c.green(quote.speaker) : c.dim('unattributed')}`);
  }
  return lines.join('\n');
}
