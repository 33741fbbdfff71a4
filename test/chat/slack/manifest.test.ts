import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commands } from '../../../commands/index.ts';
import { ROOT } from '../../helpers/cli.ts';

interface Manifest {
  features: { slash_commands: { command: string; url: string; description: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] } };
}

const manifest = parse(readFileSync(resolve(ROOT, 'config/slack-manifest.yaml'), 'utf8')) as Manifest;

describe('config/slack-manifest.yaml', () => {
  it('given the command list then the manifest declares exactly those slash commands, all on /slack/events', () => {
    const declared = manifest.features.slash_commands.map((c) => c.command.slice(1)).sort();
    expect(declared).toEqual(commands.map((c) => c.name).sort());
    for (const command of manifest.features.slash_commands) {
      expect(command.url).toBe('https://YOUR-HOST/slack/events');
      expect(command.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('given what the adapter calls then the bot scopes cover commands, chat.postMessage and users.info', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'users:read']),
    );
  });

  it('given the events the adapter handles then the manifest subscribes to exactly those, on /slack/events', () => {
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://YOUR-HOST/slack/events');
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      'app_uninstalled',
      'tokens_revoked',
    ]);
  });
});
