import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import type { CommandDefinition } from '../../commands/types.ts';
import { UserError } from '../../commands/types.ts';
import { DispatchErrorCode } from '../../src/chat/dispatcher.ts';
import type { CommandRequest, Dispatcher } from '../../src/chat/port.ts';
import { A1, makeWorld, replyText, SEED_SPEC, type World, worldDispatcher } from '../commands/world.ts';

/** A pino logger writing JSON lines into an array, so tests can see what was logged. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

const boom = {
  name: 'boom',
  description: 'Always fails',
  options: [{ name: 'x', description: 'anything', type: 'string', autocomplete: true }],
  async run() {
    throw new Error('database on fire');
  },
  async autocomplete() {
    throw new Error('no completions today');
  },
} satisfies CommandDefinition;

const refuse = {
  name: 'refuse',
  description: 'Always refuses',
  options: [],
  async run() {
    throw new UserError('nope', 'You cannot do that here.');
  },
} satisfies CommandDefinition;

const admin = {
  name: 'admin',
  description: 'Managers only',
  options: [],
  requiresManage: true,
  async run() {
    return { visibility: 'public', summary: 'done', blocks: [{ type: 'text', text: 'done' }] };
  },
} satisfies CommandDefinition;

const broken = {
  name: 'broken',
  description: 'Returns nonsense',
  options: [],
  async run() {
    return undefined as never;
  },
} satisfies CommandDefinition;

let world: World;
let dispatcher: Dispatcher;
let logged: Record<string, unknown>[];

const request = (
  command: string,
  input: CommandRequest['input'] = {},
  canManage = false,
): CommandRequest => ({
  command,
  input,
  channel: A1,
  user: { id: 'U1', canManage },
});

beforeEach(async () => {
  world = await makeWorld();
  await world.add({ ...SEED_SPEC, feedId: world.globalFeedId }, new Date('2026-11-27T11:00:00Z'));
  const { logger, lines } = capturingLogger();
  logged = lines;
  dispatcher = worldDispatcher(world, { commands: [...commands, boom, refuse, admin, broken], logger });
});
afterEach(async () => {
  await world.store.close();
});

describe('dispatcher', () => {
  it('given /who-said Zelensky, then the public answer carries the quote', async () => {
    const reply = await dispatcher.run(request('who-said', { name: 'Zelensky' }));
    expect(reply.visibility).toBe('public');
    expect(replyText(reply)).toContain("We don't see any army retreat yet");
  });

  it('given an unknown command, then a private reply suggests the nearest one', async () => {
    const reply = await dispatcher.run(request('claim'));
    expect(reply.visibility).toBe('private');
    expect(replyText(reply)).toMatch(/There is no \/claim command\. Did you mean \/claims\?/);
  });

  it('given a missing required option, then a private reply shows the usage', async () => {
    const reply = await dispatcher.run(request('who-said', {}));
    expect(reply.visibility).toBe('private');
    expect(replyText(reply)).toMatch(/needs a name.*\/who-said name/);
  });

  it('given a value outside the choices (as a stale Discord registration might send), then it is refused privately', async () => {
    const reply = await dispatcher.run(request('feeds', { action: 'destroy' }, true));
    expect(reply.visibility).toBe('private');
    expect(replyText(reply)).toMatch(/must be one of list, add, remove, enable/);
  });

  it('given a manage-only command without rights, then the refusal is private and the command never runs', async () => {
    const reply = await dispatcher.run(request('admin'));
    expect(reply.visibility).toBe('private');
    expect(replyText(reply)).toMatch(/Only channel managers can use \/admin/);
    expect((await dispatcher.run(request('admin', {}, true))).visibility).toBe('public');
  });

  it('given /feeds add without rights, then the refusal is a private reply', async () => {
    const reply = await dispatcher.run(request('feeds', { action: 'add', target: 'https://x.example/rss' }));
    expect(reply.visibility).toBe('private');
    expect(replyText(reply)).toMatch(/Only channel managers can add feeds/);
  });

  it('given a UserError, then its message becomes a private reply with a usage hint', async () => {
    const reply = await dispatcher.run(request('refuse'));
    expect(reply).toMatchObject({ visibility: 'private', summary: 'You cannot do that here.' });
    expect(replyText(reply)).toContain('/refuse --help');
    expect(logged.filter((l) => l.level === 50)).toEqual([]);
  });

  it('given a command that throws, then the reply is private with a stable code and the error is logged with it', async () => {
    const reply = await dispatcher.run(request('boom'));
    expect(reply.visibility).toBe('private');
    expect(replyText(reply)).toContain(DispatchErrorCode.CommandFailed);
    expect(replyText(reply)).not.toContain('database on fire');
    const [entry] = logged.filter((l) => l.level === 50);
    expect(entry).toMatchObject({ code: 'BW_COMMAND_FAILED', command: 'boom', msg: 'command failed' });
    expect(JSON.stringify(entry)).toContain('database on fire');
    const ref = /ref ([0-9a-f]{8})/.exec(replyText(reply))?.[1];
    expect(entry?.incident).toBe(ref);
  });

  it('given a command that returns no reply, then a private reply with its own code', async () => {
    expect(replyText(await dispatcher.run(request('broken')))).toContain(DispatchErrorCode.BadReply);
  });

  it('given the store closed under it, then the dispatcher still answers instead of throwing', async () => {
    await world.store.close();
    const reply = await dispatcher.run(request('claims', { topic: 'Russia' }));
    expect(replyText(reply)).toContain(DispatchErrorCode.CommandFailed);
    world = await makeWorld();
  });

  it('given autocomplete for who-said, then known speakers come back', async () => {
    expect(await dispatcher.complete({ ...request('who-said'), option: 'name', partial: 'zel' })).toEqual([
      'Volodymyr Zelensky',
    ]);
  });

  it('given autocomplete that throws or an option without it, then an empty list', async () => {
    expect(await dispatcher.complete({ ...request('boom'), option: 'x', partial: '' })).toEqual([]);
    expect(logged.find((l) => l.msg === 'autocomplete failed')).toMatchObject({ command: 'boom' });
    expect(await dispatcher.complete({ ...request('who-said'), option: 'since', partial: '' })).toEqual([]);
    expect(await dispatcher.complete({ ...request('nope'), option: 'name', partial: '' })).toEqual([]);
  });
});
