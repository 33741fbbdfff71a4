import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandRequest } from '../../src/chat/port.ts';
import { A1, makeWorld, SEED_SPEC, type World, worldDispatcher } from './world.ts';

/** DESIGN "Visibility": answers are the channel's by default, configurable; errors and refusals stay private. */
describe('who sees an answer', () => {
  let world: World;
  const request = (command: string, input: CommandRequest['input'] = {}): CommandRequest => ({
    command,
    input,
    channel: A1,
    user: { id: 'U1', name: 'tester', canManage: false },
  });
  const dispatcher = (answers?: 'public' | 'private') => worldDispatcher(world, answers ? { answers } : {});

  beforeAll(async () => {
    world = await makeWorld();
    await world.add(
      { ...SEED_SPEC, feedId: world.globalFeedId },
      new Date(world.clock.now.getTime() - 3_600_000),
    );
  });
  afterAll(() => world.store.close());

  it('given the default, then a query answer is public and a malformed command private', async () => {
    const answer = await dispatcher().run(request('who-said', { name: 'Zelensky' }));
    expect(JSON.stringify(answer.blocks)).toContain("We don't see any army retreat yet");
    expect(answer.visibility).toBe('public');
    expect((await dispatcher().run(request('who-said'))).visibility).toBe('private');
  });

  it('given answers: private, then the same answer goes to the caller only', async () => {
    const answer = await dispatcher('private').run(request('who-said', { name: 'Zelensky' }));
    expect(JSON.stringify(answer.blocks)).toContain("We don't see any army retreat yet");
    expect(answer.visibility).toBe('private');
  });

  it('given answers: public, then a refusal is still private', async () => {
    const refusal = await dispatcher('public').run(
      request('feeds', { action: 'add', url: 'https://x.example/f' }),
    );
    expect(refusal.visibility).toBe('private');
  });
});
