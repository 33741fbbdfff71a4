import { describe, expect, it } from 'vitest';
import type { CommandDefinition } from '../../../commands/types.ts';
import { toDiscordCommands } from '../../../src/chat/discord/command-data.ts';
import { TEST_COMMANDS } from '../test-commands.ts';

describe('toDiscordCommands', () => {
  it('given the definitions then option types, required flags, autocomplete and choices carry over', () => {
    const [whoSaid, claims, feeds] = toDiscordCommands(TEST_COMMANDS);
    expect(whoSaid?.options?.[0]).toMatchObject({
      name: 'name',
      type: 3,
      required: true,
      autocomplete: true,
    });
    expect(claims?.options?.find((o) => o.name === 'limit')).toMatchObject({ type: 4, required: false });
    expect(feeds?.options?.[0]).toMatchObject({
      name: 'action',
      choices: [
        { name: 'list', value: 'list' },
        { name: 'add', value: 'add' },
        { name: 'remove', value: 'remove' },
      ],
    });
  });

  it('given a required option declared after an optional one then required options come first', () => {
    const definition: CommandDefinition = {
      name: 'quotes',
      description: 'Quotes',
      options: [
        { name: 'topic', description: 'Topic', type: 'string' },
        { name: 'speaker', description: 'Speaker', type: 'string', required: true },
        { name: 'all', description: 'All', type: 'boolean' },
      ],
      run: async () => ({ blocks: [], visibility: 'public', summary: '' }),
    };
    const [command] = toDiscordCommands([definition]);
    expect(command?.options?.map((o) => o.name)).toEqual(['speaker', 'topic', 'all']);
    expect(command?.options?.[2]?.type).toBe(5);
  });

  it('given a name Discord would refuse then the builders reject it before any request', () => {
    const bad: CommandDefinition = {
      name: 'Who Said',
      description: 'x',
      options: [],
      run: async () => ({ blocks: [], visibility: 'public', summary: '' }),
    };
    expect(() => toDiscordCommands([bad])).toThrow();
  });
});
