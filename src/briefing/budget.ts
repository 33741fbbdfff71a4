import type { Block } from './blocks.ts';

/** A length budget set by the renderer: at most `maxChars` as it measures blocks, at most `maxBlocks`. */
export interface BriefingBudget {
  maxChars: number;
  maxBlocks?: number;
  /** The renderer's own length of a block; defaults to {@link blockLength}. */
  measure?: (block: Block) => number;
}

/** A renderer-independent estimate of a block's rendered length: its texts plus a little layout. */
export function blockLength(block: Block): number {
  const line = 4;
  switch (block.type) {
    case 'heading':
    case 'text':
    case 'context':
      return block.text.length + line;
    case 'divider':
      return line;
    case 'story':
      return (
        block.title.length +
        (block.note?.length ?? 0) +
        block.sources.reduce((n, s) => n + (s.feedName?.length ?? 0) + (s.url?.length ?? 0) + line, line)
      );
    case 'claim':
      return block.claimant.length + block.claim.length + (block.source.url?.length ?? 0) + 3 * line;
    case 'figure':
      return (
        block.text.length +
        (block.about?.length ?? 0) +
        (block.equivalent?.length ?? 0) +
        block.sentence.length +
        (block.source.url?.length ?? 0) +
        3 * line
      );
    case 'quote':
      return block.text.length + (block.speaker?.length ?? 0) + (block.source.url?.length ?? 0) + 3 * line;
    case 'dispute':
      return block.sides.reduce(
        (n, s) => n + s.label.length + s.text.length + (s.source.url?.length ?? 0) + 2 * line,
        block.topic.length + line,
      );
  }
}

/** The blocks that fit, and how many sections were left out in whole or in part. */
export interface FittedBlocks {
  blocks: Block[];
  omittedSections: number;
}

/**
 * Fits a header and sections (one per story) into a budget, cutting only between blocks. A section whose
 * first two blocks do not fit is left out whole; after the first cut nothing further is added, so the
 * order stays the ranking. `trailer(n)` makes the note that says what was left out; room for it is kept.
 */
export function fitBlocks(
  header: Block[],
  sections: Block[][],
  budget: BriefingBudget | undefined,
  trailer: (omitted: number) => Block,
): FittedBlocks {
  const all = [...header, ...sections.flat()];
  if (!budget) return { blocks: all, omittedSections: 0 };
  const measure = budget.measure ?? blockLength;
  const maxBlocks = budget.maxBlocks ?? Number.POSITIVE_INFINITY;
  const fullSize = all.reduce((n, b) => n + measure(b), 0);
  if (fullSize <= budget.maxChars && all.length <= maxBlocks) return { blocks: all, omittedSections: 0 };

  const reserveChars = measure(trailer(sections.length));
  const maxChars = budget.maxChars - reserveChars;
  const slots = maxBlocks - 1;
  const out: Block[] = [];
  let used = 0;
  const fits = (block: Block) => out.length < slots && used + measure(block) <= maxChars;
  const add = (block: Block) => {
    out.push(block);
    used += measure(block);
  };
  for (const block of header) if (fits(block)) add(block);
  let complete = 0;
  for (const section of sections) {
    const opening = section.slice(0, Math.min(2, section.length));
    const openingSize = opening.reduce((n, b) => n + measure(b), 0);
    if (out.length + opening.length > slots || used + openingSize > maxChars) break;
    let cut = false;
    for (const block of section) {
      if (!fits(block)) {
        cut = true;
        break;
      }
      add(block);
    }
    if (cut) break;
    complete++;
  }
  const omitted = sections.length - complete;
  if (omitted > 0) out.push(trailer(omitted));
  // Never end on a divider: it would separate nothing.
  while (out.length > 0 && out[out.length - 1]?.type === 'divider') out.pop();
  return { blocks: out, omittedSections: omitted };
}
