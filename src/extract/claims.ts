import { ClaimantResolver } from './claim-claimants.ts';
import { quotedTokens } from './claim-phrases.ts';
import { placeClaims } from './claim-spans.ts';
import { findTriggers } from './claim-triggers.ts';
import type { ExtractContext } from './context.ts';
import type { Token } from './nlp.ts';
import { canonicalName } from './people.ts';
import type { Claim, Quote } from './types.ts';

/**
 * Finds attributed assertions: who asserts what, as the article words it. Each claim keeps its sentence
 * (`start`/`end`) and the proposition without the attribution (`claimStart`/`claimEnd`).
 */
export function extractClaims(ctx: ExtractContext, quotes: Quote[]): Claim[] {
  const { input, tokens, sentences } = ctx.analysis;
  const quoted = quotedTokens(ctx.analysis);
  const resolver = new ClaimantResolver(input, tokens, (name, at) => canonicalName(name, ctx, at));
  const speakers = quotes
    .filter((q): q is Quote & { speaker: string } => q.speaker !== null)
    .sort((a, b) => a.start - b.start);
  let nextSpeaker = 0;
  const claims: Claim[] = [];
  for (const sentence of sentences) {
    while (nextSpeaker < speakers.length && (speakers[nextSpeaker] as Quote).start < sentence.start) {
      const q = speakers[nextSpeaker++] as Quote & { speaker: string };
      resolver.note(q.speaker, q.start);
    }
    const triggers = findTriggers(tokens, sentence, quoted);
    if (triggers.length === 0) continue;
    let previous: string | null = null;
    for (const placed of placeClaims(tokens, sentence, triggers, quoted)) {
      const at = (tokens[placed.trigger.anchor] as Token).start;
      const claimant = resolver.resolve(placed.trigger.holder, at, previous);
      if (!claimant || !/\p{L}/u.test(claimant)) continue;
      previous = claimant;
      if (placed.silent) continue;
      const claimStart = (tokens[placed.first] as Token).start;
      const claimEnd = (tokens[placed.last] as Token).end;
      claims.push({
        claimant,
        claim: input.slice(claimStart, claimEnd),
        sentence: sentence.text,
        start: sentence.start,
        end: sentence.end,
        claimStart,
        claimEnd,
      });
    }
  }
  return claims;
}
