import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quote } from '../briefing/builders.ts';
import { A1, A2, B1, makeWorld, replyText, type World } from './world.ts';

let world: World;

function quoted(feedId: number, speaker: string, words: string) {
  const sentence = `"${words}," ${speaker} said.`;
  return {
    feedId,
    title: `${speaker} on the harbour`,
    lede: sentence,
    quotes: [quote(words, speaker, sentence)],
  };
}

beforeEach(async () => {
  world = await makeWorld();
  const seen = new Date('2026-11-27T11:00:00Z');
  await world.add(quoted(world.globalFeedId, 'Ada Global', 'Everyone can read this'), seen);
  await world.add(quoted(world.feedA, 'Ben Alpha', 'Workspace A reads this'), seen);
  await world.add(quoted(world.feedB, 'Cleo Beta', 'Only workspace B reads this'), seen);
});
afterEach(async () => {
  await world.store.close();
});

describe('tenancy for queries', () => {
  it('given a feed subscribed in another workspace, then its quotes are invisible', async () => {
    const text = replyText(await world.run('/quotes', A1));
    expect(text).toContain('Workspace A reads this');
    expect(text).not.toContain('Only workspace B reads this');
  });

  it('given a global feed, then every workspace sees it', async () => {
    expect(replyText(await world.run('/quotes', A1))).toContain('Everyone can read this');
    expect(replyText(await world.run('/quotes', B1))).toContain('Everyone can read this');
  });

  it('given another channel of the same workspace, then it sees the workspace feeds too', async () => {
    expect(replyText(await world.run('/quotes', A2))).toContain('Workspace A reads this');
  });

  it('given /who-said for a speaker of another workspace, then nothing is found', async () => {
    const reply = await world.run('/who-said Beta', A1);
    expect(reply.visibility).toBe('private');
    expect(replyText(reply)).not.toContain('Only workspace B');
  });

  it('given autocomplete in workspace A, then speakers of workspace B are not offered', async () => {
    const { whoSaid } = await import('../../commands/who-said.ts');
    const names = await whoSaid.autocomplete('name', '', world.ctx(A1));
    expect(names.sort()).toEqual(['Ada Global', 'Ben Alpha']);
  });

  it('given the same platform but a Discord guild with the same id, then it sees only global feeds', async () => {
    const text = replyText(
      await world.run('/quotes', { platform: 'discord', workspace: 'TA', channel: 'C1' }),
    );
    expect(text).toContain('Everyone can read this');
    expect(text).not.toContain('Workspace A reads this');
  });
});

describe('tenancy for /brief', () => {
  it('given a channel with subscriptions, then /brief uses only them', async () => {
    const text = replyText(await world.run('/brief', A1));
    expect(text).toContain('Ben Alpha on the harbour');
    expect(text).not.toContain('Ada Global on the harbour');
  });

  it('given a channel without subscriptions, then /brief falls back to the global feeds', async () => {
    const text = replyText(await world.run('/brief', A2));
    expect(text).toContain('Ada Global on the harbour');
    expect(text).not.toContain('Ben Alpha on the harbour');
  });
});
