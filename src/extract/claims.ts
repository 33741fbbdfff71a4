import type { ExtractContext } from './context.ts';
import type { Claim, Quote } from './types.ts';

/** Finds attributed assertions: who asserts what, as the article words it. */
export function extractClaims(_ctx: ExtractContext, _quotes: Quote[]): Claim[] {
  return [];
}
