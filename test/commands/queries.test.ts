import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { whoSaid } from '../../commands/who-said.ts';
import type { Block } from '../../src/briefing/blocks.ts';
import { claim, figure, quote } from '../briefing/builders.ts';
import { A1, makeWorld, replyText, SEED_SPEC, type World } from './world.ts';

let world: World;
beforeEach(async () => {
  world = await makeWorld();
  await world.add(
    { ...SEED_SPEC, feedId: world.globalFeedId, feedName: 'Global Wire' },
    new Date('2026-11-27T10:00:00Z'),
  );
});
afterEach(async () => {
  await world.store.close();
});

const ofType = <T extends Block['type']>(blocks: Block[], type: T) =>
  blocks.filter((b): b is Extract<Block, { type: T }> => b.type === type);

describe('/claims', () => {
  it('given /claims Russia, then the claimants, claims and links come back, public', async () => {
    const reply = await world.run('/claims Russia');
    expect(reply.visibility).toBe('public');
    const claims = ofType(reply.blocks, 'claim');
    expect(claims.map((c) => c.claimant).sort()).toEqual(['Moscow', 'a senior US source']);
    expect(claims.every((c) => c.source.url === 'https://global.example/seed')).toBe(true);
  });

  it('given a topic nothing mentions, then the private answer says so and suggests what to try', async () => {
    const reply = await world.run('/claims "lunar landing"');
    expect(reply.visibility).toBe('private');
    expect(replyText(reply)).toMatch(/No claims about \\"lunar landing\\"/);
    expect(replyText(reply)).toMatch(/Try another topic/);
  });

  it('given since:1h and claims seen 2 h ago, then nothing matches', async () => {
    const reply = await world.run('/claims since:1h');
    expect(ofType(reply.blocks, 'claim')).toEqual([]);
    expect(replyText(reply)).toMatch(/longer window/);
  });
});

describe('/who-said', () => {
  it.each(['Zelensky', 'zelensky', 'Volodymyr Zelensky', 'President Zelensky'])(
    "given /who-said %s, then Zelensky's quote comes back with its speaker",
    async (name) => {
      const reply = await world.run(`/who-said ${name}`);
      const [q] = ofType(reply.blocks, 'quote');
      expect(q).toMatchObject({ text: "We don't see any army retreat yet", speaker: 'Volodymyr Zelensky' });
      expect(reply.visibility).toBe('public');
    },
  );

  it('given a name nobody said anything as, then the known speakers are suggested', async () => {
    const reply = await world.run('/who-said Nobody');
    expect(reply.visibility).toBe('private');
    expect(replyText(reply)).toContain('Volodymyr Zelensky');
  });

  it('given two quotes by one person, then the newest comes first', async () => {
    await world.add(
      {
        feedId: world.globalFeedId,
        title: 'Zelensky speaks again',
        lede: '"We will defend every town," Volodymyr Zelensky said.',
        quotes: [
          quote(
            'We will defend every town',
            'Volodymyr Zelensky',
            '"We will defend every town," Volodymyr Zelensky said.',
          ),
        ],
      },
      new Date('2026-11-27T11:00:00Z'),
    );
    const reply = await world.run('/who-said Zelensky');
    expect(ofType(reply.blocks, 'quote').map((q) => q.text)).toEqual([
      'We will defend every town',
      "We don't see any army retreat yet",
    ]);
  });

  it('given a partial name, then autocomplete offers the known speaker', async () => {
    expect(await whoSaid.autocomplete('name', 'Zel', world.ctx(A1))).toEqual(['Volodymyr Zelensky']);
    expect(await whoSaid.autocomplete('topic', 'Zel', world.ctx(A1))).toEqual([]);
  });
});

describe('/quotes', () => {
  it('given /quotes, then quotes come with their speakers', async () => {
    const reply = await world.run('/quotes');
    expect(ofType(reply.blocks, 'quote')[0]?.speaker).toBe('Volodymyr Zelensky');
  });

  it('given a scare-quoted fragment, then /quotes leaves it out but /who-said still finds it', async () => {
    const sentence = 'Jens Stoltenberg said the danger had become the "new normal."';
    await world.add({
      feedId: world.globalFeedId,
      title: 'Nato chief on the new normal',
      lede: sentence,
      quotes: [quote('new normal', 'Jens Stoltenberg', sentence, true)],
    });
    expect(replyText(await world.run('/quotes'))).not.toContain('new normal');
    expect(ofType((await world.run('/who-said Stoltenberg')).blocks, 'quote')[0]?.text).toBe('new normal');
  });
});

describe('/figures', () => {
  it('given /figures troops, then the figure comes with its unit and what it counts', async () => {
    const reply = await world.run('/figures troops');
    expect(ofType(reply.blocks, 'figure')[0]).toMatchObject({
      text: '7,000 additional troops',
      unit: 'troops',
      about: 'additional troops',
    });
    expect(ofType(reply.blocks, 'dispute')).toEqual([]);
  });

  it('given another source on the same story with 5,000 troops, then the disagreement is flagged', async () => {
    const sentence = 'About 5,000 more troops had arrived near the border, officials said.';
    await world.add({
      feedId: world.feedA,
      feedName: 'Workspace A Post',
      title: 'Russian claim of withdrawing troops from Ukraine border is false, US says',
      lede: sentence,
      figures: [
        figure('5,000 more troops', 5000, 'troops', sentence, { about: 'more troops', qualifier: 'about' }),
      ],
      claims: [claim('officials', 'About 5,000 more troops had arrived near the border', sentence)],
    });
    const reply = await world.run('/figures troops');
    const [dispute] = ofType(reply.blocks, 'dispute');
    expect(dispute?.sides.map((s) => s.label).sort()).toEqual(['Global Wire', 'Workspace A Post']);
    expect(replyText(reply)).toMatch(/1 disagreement between sources/);
  });

  it('given a malformed since, then the command refuses with a UserError', async () => {
    await expect(world.run('/figures since:soon')).rejects.toThrow(/30m, 24h, 7d or 2w/);
  });
});
