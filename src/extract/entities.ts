import type { ExtractContext } from './context.ts';
import type { Claim, Entities, Quote } from './types.ts';

/** Collects the people and organisations an article names, by canonical name. */
export function collectEntities(_ctx: ExtractContext, quotes: Quote[], _claims: Claim[]): Entities {
  const people = [...new Set(quotes.map((q) => q.speaker).filter((s): s is string => s !== null))];
  return { people, orgs: [] };
}
