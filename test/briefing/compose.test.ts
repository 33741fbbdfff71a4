import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/briefing/blocks.ts';
import { blockLength } from '../../src/briefing/budget.ts';
import { composeArticleBriefing, composeBriefing } from '../../src/briefing/compose.ts';
import { ELLIPSIS } from '../../src/briefing/text.ts';
import { article, claim, figure, quote } from './builders.ts';
import { samePair, wholeBatch } from './story-pairs.ts';

const now = new Date('2026-11-27T12:00:00Z');
const since = new Date('2026-11-26T12:00:00Z');

function ofType<T extends Block['type']>(blocks: Block[], type: T): Extract<Block, { type: T }>[] {
  return blocks.filter((b): b is Extract<Block, { type: T }> => b.type === type);
}

describe('composeBriefing', () => {
  it('given two outlets on one story, then the story shows 2 sources', () => {
    const reply = composeBriefing(samePair(0), { since, now });
    const stories = ofType(reply.blocks, 'story');
    expect(stories).toHaveLength(1);
    expect(stories[0]?.sources.map((s) => s.feedName)).toEqual(['Wire One', 'Daily Two']);
    expect(reply.visibility).toBe('public');
  });

  it('given two outlets disagreeing on troop numbers, then a dispute block flags it', () => {
    const reply = composeBriefing(samePair(10), { since, now });
    const disputes = ofType(reply.blocks, 'dispute');
    expect(disputes).toHaveLength(1);
    expect(disputes[0]?.sides.map((s) => s.text).join(' ')).toMatch(/7,000.*5,000/);
  });

  it('given hectares 3,500 vs 3,200 (9 % apart), then the fire story is flagged too', () => {
    const reply = composeBriefing(samePair(1), { since, now });
    expect(ofType(reply.blocks, 'dispute')).toHaveLength(1);
  });

  it('given the same rate from both outlets, then nothing is flagged', () => {
    expect(ofType(composeBriefing(samePair(2), { since, now }).blocks, 'dispute')).toEqual([]);
  });

  it('given a story from two feeds and a richer single-source one, then the two-source story ranks first', () => {
    const lone = article({
      id: 50,
      feedId: 7,
      title: 'Council approves new tram line',
      lede: 'The city council approved a new tram line on Monday.',
      claims: [
        claim('the mayor', 'the line will open in 2029', 'The mayor said the line will open in 2029.'),
      ],
      quotes: [quote('This is a great day', 'Ana Ruiz', '"This is a great day," Ana Ruiz said.')],
    });
    const reply = composeBriefing([lone, ...samePair(5)], { since, now });
    expect(ofType(reply.blocks, 'story').map((s) => s.title)[0]).toMatch(/Helix Motors/);
  });

  it('given two single-source stories, then the more recent one ranks first', () => {
    const old = article({
      id: 1,
      feedId: 1,
      title: 'Old news about canals',
      lede: 'Canals were dredged.',
      firstSeen: new Date('2026-11-26T13:00:00Z'),
    });
    const fresh = article({
      id: 2,
      feedId: 2,
      title: 'Fresh news about bridges',
      lede: 'A bridge opened.',
      firstSeen: new Date('2026-11-27T11:00:00Z'),
    });
    const titles = ofType(composeBriefing([old, fresh], { since, now }).blocks, 'story').map((s) => s.title);
    expect(titles).toEqual(['Fresh news about bridges', 'Old news about canals']);
  });

  it('given articles first seen before the window, then they are left out', () => {
    const before = article({
      id: 1,
      feedId: 1,
      title: 'Yesterday',
      lede: 'x',
      firstSeen: new Date('2026-11-25T00:00:00Z'),
    });
    const reply = composeBriefing([before], { since, now });
    expect(ofType(reply.blocks, 'story')).toEqual([]);
    expect(ofType(reply.blocks, 'text')[0]?.text).toMatch(/Nothing new.*since:7d/);
  });

  it('given a non-English article, then it shows as headline and link marked not analysed', () => {
    const foreign = article({
      id: 3,
      feedId: 4,
      title: 'Streik im Hafen',
      lede: 'Die Arbeiter streiken.',
      language: 'de',
    });
    const reply = composeBriefing([foreign], { since, now });
    const [story] = ofType(reply.blocks, 'story');
    expect(story).toMatchObject({
      title: 'Streik im Hafen',
      analysed: false,
      note: 'not analysed (language: de)',
    });
    expect(story?.sources[0]?.url).toBe(foreign.url);
    expect(reply.blocks.filter((b) => ['claim', 'figure', 'quote'].includes(b.type))).toEqual([]);
  });

  it('given a topic, then only articles mentioning it are briefed', () => {
    const { articles } = wholeBatch();
    const reply = composeBriefing(articles, { since, now, topic: 'cholera' });
    expect(ofType(reply.blocks, 'story').map((s) => s.title)).toEqual([
      'WHO declares end of cholera outbreak in Mirat',
    ]);
  });

  it('given every item, then each carries its source link and a sentence containing it', () => {
    const { articles } = wholeBatch();
    for (const block of composeBriefing(articles, { since, now }).blocks) {
      if (block.type === 'claim' || block.type === 'figure' || block.type === 'quote') {
        expect(block.source.url).toMatch(/^https:\/\/news\.example\//);
        expect(block.sentence.length).toBeGreaterThan(0);
      }
      if (block.type === 'figure') expect(block.sentence).toContain(block.text);
    }
  });
});

describe('composeBriefing without repetition', () => {
  const us =
    'According to a senior US source, Russia\'s allegation that it is pulling soldiers away from the Ukrainian border is "false."';
  const moscow = 'Moscow claims it will move soldiers away from the Ukrainian border.';
  const title = 'Russian claim of withdrawing troops is false, says US';
  const seedLike = article({
    id: 1,
    feedId: 1,
    title,
    lede: us,
    body: [moscow],
    claims: [
      claim('US', 'Russian claim of withdrawing troops is false', title),
      claim(
        'a senior US source',
        'Russia\'s allegation that it is pulling soldiers away from the Ukrainian border is "false."',
        us,
      ),
      claim('Moscow', 'it will move soldiers away from the Ukrainian border', moscow),
    ],
  });

  it('given a dispute, then its sides are not repeated as claims below it', () => {
    const blocks = composeBriefing([seedLike], { since, now }).blocks;
    expect(ofType(blocks, 'dispute')).toHaveLength(1);
    expect(ofType(blocks, 'claim')).toEqual([]);
  });

  it('given a claim read off the headline, then it is not repeated under the story title', () => {
    const plain = {
      ...seedLike,
      extraction: { ...seedLike.extraction, claims: seedLike.extraction.claims.slice(0, 1) },
    };
    expect(ofType(composeBriefing([plain], { since, now }).blocks, 'claim')).toEqual([]);
  });

  it('given disputed figures, then the disputed figures are not repeated as items', () => {
    const blocks = composeBriefing(samePair(10), { since, now }).blocks;
    expect(ofType(blocks, 'figure').map((f) => f.text)).toEqual([]);
  });
});

describe('budget', () => {
  const { articles } = wholeBatch();
  const full = composeBriefing(articles, { since, now });
  const fullSize = full.blocks.reduce((n, b) => n + blockLength(b), 0);

  it('given a budget a third of the full briefing, then it fits and ends with a note on what was left out', () => {
    const budget = Math.floor(fullSize / 3);
    const cut = composeBriefing(articles, { since, now, budget: { maxChars: budget } });
    expect(cut.blocks.reduce((n, b) => n + blockLength(b), 0)).toBeLessThanOrEqual(budget);
    expect(cut.blocks.at(-1)).toMatchObject({
      type: 'context',
      text: expect.stringMatching(/more stories not shown/),
    });
  });

  it('given a budget, then every kept block is identical to the block in the full briefing', () => {
    const cut = composeBriefing(articles, { since, now, budget: { maxChars: Math.floor(fullSize / 2) } });
    const kept = cut.blocks.slice(0, -1);
    expect(kept).toEqual(full.blocks.slice(0, kept.length));
  });

  it('given a renderer measure and block limit, then both are respected', () => {
    const measure = (b: Block) => JSON.stringify(b).length;
    const cut = composeBriefing(articles, { since, now, budget: { maxChars: 5000, maxBlocks: 10, measure } });
    expect(cut.blocks.length).toBeLessThanOrEqual(10);
    expect(cut.blocks.reduce((n, b) => n + measure(b), 0)).toBeLessThanOrEqual(5000);
  });

  it('given a budget larger than the briefing, then nothing is cut', () => {
    expect(composeBriefing(articles, { since, now, budget: { maxChars: fullSize + 1 } })).toEqual(full);
  });

  it('given a sentence longer than a block allows, then it ends with an ellipsis after a whole word', () => {
    const long = `${'The ministry said that the new reservoir would supply water to the region '.repeat(10)}today.`;
    const a = article({
      id: 1,
      feedId: 1,
      title: 'Reservoir',
      lede: long,
      claims: [claim('The ministry', long.slice(18, -1), long)],
    });
    const [block] = ofType(composeArticleBriefing(a).blocks, 'claim');
    expect(block?.claim.endsWith(ELLIPSIS)).toBe(true);
    const kept = block?.claim.slice(0, -1) ?? '';
    expect(long.slice(18)).toContain(kept);
    expect(long.slice(18)[kept.length]).toBe(' ');
  });
});

describe('composeArticleBriefing', () => {
  it('given one article, then it shows headline, claims with claimants, figures with units, quotes with speakers', () => {
    const a = article({
      id: 1,
      feedId: 1,
      title: 'Stoltenberg: no sign of de-escalation',
      lede: 'Nato sees no de-escalation.',
      claims: [
        claim(
          'Jens Stoltenberg',
          'the danger from Russia has become the "new normal."',
          'Jens Stoltenberg declared that the danger from Russia has become the "new normal."',
        ),
      ],
      figures: [
        figure(
          '$270 billion',
          270e9,
          'USD',
          'European defense had cost $270 billion (£199 billion) since 2014.',
          { about: 'European defense' },
        ),
        figure(
          '£199 billion',
          199e9,
          'GBP',
          'European defense had cost $270 billion (£199 billion) since 2014.',
          { equivalentOf: 0 },
        ),
      ],
      quotes: [
        quote(
          "We don't see any army retreat yet",
          'Volodymyr Zelensky',
          '"We don\'t see any army retreat yet," Ukrainian President Volodymyr Zelensky told reporters.',
        ),
      ],
    });
    const reply = composeArticleBriefing(a);
    expect(reply.blocks.map((b) => b.type)).toEqual(['story', 'claim', 'figure', 'quote']);
    expect(ofType(reply.blocks, 'figure')[0]).toMatchObject({
      text: '$270 billion',
      unit: 'USD',
      equivalent: '£199 billion',
      about: 'European defense',
    });
    expect(ofType(reply.blocks, 'quote')[0]?.speaker).toBe('Volodymyr Zelensky');
    expect(ofType(reply.blocks, 'claim')[0]?.claimant).toBe('Jens Stoltenberg');
  });
});
