import type { ExtractContext } from './context.ts';
import type { Figure } from './types.ts';

/** Finds the quantities an article reports, with value, unit and what they count. */
export function extractFigures(_ctx: ExtractContext): Figure[] {
  return [];
}
