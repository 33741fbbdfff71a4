import fc from 'fast-check';
import type { Block, Reply, SourceLink } from '../../src/briefing/blocks.ts';

/** Pieces that stress escaping and limits: markdown, mention syntax, entities, emoji, long words. */
const HOSTILE = [
  '*',
  '_',
  '`',
  '~',
  '|',
  '>',
  '<',
  '&',
  '#',
  '[',
  ']',
  '(',
  ')',
  '\\',
  '\n',
  ' ',
  '-',
  '@everyone',
  '@here',
  '@channel',
  '<@&123>',
  '<@456>',
  '<!channel>',
  '<!here>',
  '<#789>',
  '&amp;',
  '😀',
  'é',
  'x'.repeat(300),
];

/** Text up to a few thousand characters, mixing ordinary words with hostile pieces. */
export const hostileText = (maxPieces = 200) =>
  fc
    .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 30 })), {
      maxLength: maxPieces,
      size: 'large',
    })
    .map((pieces) => pieces.join(''));

const source: fc.Arbitrary<SourceLink> = fc.record({
  title: hostileText(20),
  url: fc.oneof(
    fc.constant(null),
    fc.webUrl(),
    fc.constant('javascript:alert(1)'),
    fc.constant('https://news.example/a (b)|<c>'),
  ),
  feedName: fc.oneof(fc.constant(null), hostileText(10)),
});

/** Any neutral block, with hostile and oversized text. */
export const arbitraryBlock: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ type: fc.constant('heading' as const), text: hostileText(40) }),
  fc.record({
    type: fc.constant('story' as const),
    title: hostileText(40),
    sources: fc.array(source, { maxLength: 6 }),
    analysed: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('claim' as const),
    claimant: hostileText(10),
    claim: hostileText(),
    sentence: hostileText(),
    source,
  }),
  fc.record({
    type: fc.constant('figure' as const),
    text: hostileText(5),
    unit: fc.constant(null),
    about: fc.oneof(fc.constant(null), hostileText(10)),
    sentence: hostileText(),
    source,
  }),
  fc.record({
    type: fc.constant('quote' as const),
    text: hostileText(),
    speaker: fc.oneof(fc.constant(null), hostileText(10)),
    sentence: hostileText(),
    source,
  }),
  fc.record({
    type: fc.constant('dispute' as const),
    topic: hostileText(10),
    sides: fc.array(fc.record({ label: hostileText(5), text: hostileText(40), source }), { maxLength: 4 }),
  }),
  fc.record({ type: fc.constant('text' as const), text: hostileText() }),
  fc.record({ type: fc.constant('context' as const), text: hostileText() }),
  fc.constant({ type: 'divider' as const }),
);

/** A reply of up to `maxBlocks` hostile blocks. */
export const arbitraryReply = (maxBlocks = 150): fc.Arbitrary<Reply> =>
  fc.record({
    blocks: fc.array(arbitraryBlock, { maxLength: maxBlocks, size: 'max' }),
    visibility: fc.constantFrom('public' as const, 'private' as const),
    summary: hostileText(20),
  });

/** Whether text holds a lone surrogate (a character cut in half). */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
