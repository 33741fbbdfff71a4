import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import type { Dispatcher } from '../../../src/chat/port.ts';
import { createTerminalAdapter, TERMINAL_CHANNEL } from '../../../src/chat/terminal/adapter.ts';
import { makeWorld, SEED_SPEC, type World, worldDispatcher } from '../../commands/world.ts';

let world: World;
let dispatcher: Dispatcher;

beforeEach(async () => {
  world = await makeWorld();
  await world.add({ ...SEED_SPEC, feedId: world.globalFeedId }, new Date('2026-11-27T11:00:00Z'));
  dispatcher = worldDispatcher(world);
});
afterEach(async () => {
  await world.store.close();
});

/** Types `lines` into a terminal adapter over injected streams and returns everything it printed. */
async function session(lines: string[], options: { color?: boolean; env?: Record<string, string> } = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk) => {
    printed += String(chunk);
  });
  const adapter = createTerminalAdapter({ commands, input, output, ...options });
  await adapter.start(dispatcher);
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await adapter.closed;
  return { printed, adapter };
}

describe('terminal REPL', () => {
  it('given /help typed, then the command list is printed', async () => {
    const { printed } = await session(['/help']);
    for (const command of commands) expect(printed).toContain(`/${command.name}`);
  });

  it('given /claims, then claimants and links are printed as plain text', async () => {
    const { printed } = await session(['/claims Russia']);
    expect(printed).toContain('• a senior US source: Russia');
    expect(printed).toContain('• Moscow: it will move soldiers away from the Ukrainian border');
    expect(printed).toContain('https://global.example/seed');
  });

  it('given a malformed command between good ones, then an error line is printed and the REPL keeps answering', async () => {
    const { printed } = await session(['/claims "unclosed', '/who-said', '/who-said Zelensky']);
    expect(printed).toMatch(/^error: A quote \(" \) is never closed|error: A quote \("\) is never closed/m);
    expect(printed).toMatch(/error: \/who-said needs a name/);
    expect(printed).toContain("“We don't see any army retreat yet” — Volodymyr Zelensky");
  });

  it('given several commands piped in, then the answers come in the order typed', async () => {
    const { printed } = await session(['/quotes', '/claims Russia', '/figures troops']);
    const at = (s: string) => printed.indexOf(s);
    expect(at('== Quotes ==')).toBeGreaterThanOrEqual(0);
    expect(at('== Quotes ==')).toBeLessThan(at('== Claims about "Russia" =='));
    expect(at('== Claims about "Russia" ==')).toBeLessThan(at('== Figures about "troops" =='));
  });

  it('given an unknown command, then the answer suggests the nearest and the session goes on', async () => {
    const { printed } = await session(['/brif', '/figures troops']);
    expect(printed).toContain('Did you mean /brief?');
    expect(printed).toContain('# 7,000 additional troops');
  });

  it('given /exit, then the session ends and later lines are not answered', async () => {
    const { printed } = await session(['/exit', '/help']);
    expect(printed).not.toContain('/who-said');
  });

  it('given a non-TTY output, then no colour codes are printed', async () => {
    const { printed } = await session(['/help']);
    expect(printed).not.toContain('\u001b[');
  });

  it('given colour forced on, then headings are coloured; given NO_COLOR on a TTY, then not', async () => {
    expect((await session(['/help'], { color: true })).printed).toContain('\u001b[');
    const output = Object.assign(new PassThrough(), { isTTY: true });
    const adapter = createTerminalAdapter({
      commands,
      input: new PassThrough(),
      output,
      env: { NO_COLOR: '1' },
    });
    let printed = '';
    output.on('data', (c) => {
      printed += String(c);
    });
    await adapter.post(TERMINAL_CHANNEL, {
      visibility: 'public',
      summary: 'x',
      blocks: [{ type: 'heading', text: 'Hi' }],
    });
    expect(printed).toBe('== Hi ==\n\n');
  });

  it('given a briefing posted to the terminal channel, then it is printed; to another platform, refused', async () => {
    const output = new PassThrough();
    let printed = '';
    output.on('data', (c) => {
      printed += String(c);
    });
    const adapter = createTerminalAdapter({ commands, input: new PassThrough(), output });
    const reply = {
      visibility: 'public' as const,
      summary: 'x',
      blocks: [{ type: 'text' as const, text: 'Morning briefing' }],
    };
    expect(await adapter.post(TERMINAL_CHANNEL, reply)).toEqual({ ok: true });
    expect(printed).toContain('Morning briefing');
    expect((await adapter.post({ platform: 'slack', workspace: 'T', channel: 'C' }, reply)).ok).toBe(false);
    expect(adapter.platform).toBe('terminal');
  });

  it('given stop() before any input ends, then closed resolves', async () => {
    const adapter = createTerminalAdapter({ commands, input: new PassThrough(), output: new PassThrough() });
    await adapter.start(dispatcher);
    await adapter.stop();
    await expect(adapter.closed).resolves.toBeUndefined();
  });

  it('given /feeds add from the local operator, then it is allowed (the terminal user manages)', async () => {
    const { printed } = await session(['/feeds add https://new.example/rss each']);
    expect(printed).toContain('Subscribed to #');
    expect(world.feeds.added).toEqual(['https://new.example/rss']);
  });
});
