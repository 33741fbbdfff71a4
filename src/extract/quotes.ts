import type { ExtractContext } from './context.ts';
import type { Quote } from './types.ts';

/** Finds quoted speech and attributes each quote to its speaker. */
export function extractQuotes(_ctx: ExtractContext): Quote[] {
  return [];
}
