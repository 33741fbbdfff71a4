import { describe, expect, it } from 'vitest';
import { help } from '../../commands/help.ts';
import { commands } from '../../commands/index.ts';

describe('/help', () => {
  it('given /help, then every listed command appears with an example, privately', async () => {
    const reply = await help.run({});
    expect(reply.visibility).toBe('private');
    const text = JSON.stringify(reply.blocks);
    for (const command of commands) {
      expect(text).toContain(`/${command.name}`);
      expect(command.examples?.length).toBeGreaterThan(0);
      for (const example of command.examples ?? [])
        expect(text).toContain(JSON.stringify(example).slice(1, -1));
    }
  });

  it('given /help who-said, then its usage and options are explained', async () => {
    const text = JSON.stringify((await help.run({ command: 'who-said' })).blocks);
    expect(text).toContain('Usage: /who-said name [topic:…] [since:…]');
    expect(text).toContain('name (required)');
  });

  it('given /help for an unknown command, then a UserError suggests the nearest', async () => {
    await expect(help.run({ command: 'figure' })).rejects.toThrow(/Did you mean \/figures/);
  });
});
