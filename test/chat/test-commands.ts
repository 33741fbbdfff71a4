import type { CommandDefinition } from '../../commands/types.ts';

const unused = async () => {
  throw new Error('adapter tests answer through a TestDispatcher');
};

/** A few command definitions shaped like the real ones, for adapter tests. */
export const TEST_COMMANDS: CommandDefinition[] = [
  {
    name: 'who-said',
    description: 'Quotes by a person',
    options: [
      { name: 'name', description: 'Who', type: 'string', required: true, autocomplete: true },
      { name: 'topic', description: 'About what', type: 'string' },
      { name: 'since', description: 'How far back', type: 'string' },
    ],
    run: unused,
  },
  {
    name: 'claims',
    description: 'Claims on a topic',
    options: [
      { name: 'topic', description: 'About what', type: 'string' },
      { name: 'limit', description: 'How many', type: 'integer' },
    ],
    run: unused,
  },
  {
    name: 'feeds',
    description: 'Manage feeds',
    requiresManage: true,
    options: [
      { name: 'action', description: 'What to do', type: 'string', choices: ['list', 'add', 'remove'] },
      { name: 'url', description: 'Feed URL', type: 'string' },
    ],
    run: unused,
  },
];
