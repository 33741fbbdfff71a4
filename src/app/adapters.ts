import type { Readable, Writable } from 'node:stream';
import { commands as COMMANDS } from '../../commands/index.ts';
import type { ChatAdapter } from '../chat/port.ts';
import { createTerminalAdapter } from '../chat/terminal/adapter.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { ChannelKey } from '../store/port.ts';

/** What the chat platforms tell the app about access: a channel or a whole workspace lost, a guild joined. */
export interface AccessEvents {
  /** Access lost to one channel (`channel` set) or to a whole workspace (`channel` null). */
  lost(lost: { platform: ChannelKey['platform']; workspace: string; channel: string | null }): void;
  /** The bot was added (back) to a workspace. */
  joined(joined: { platform: ChannelKey['platform']; workspace: string }): void;
}

/** Parses a config schedule's `platform:workspace:channel`. */
export function parseChannelKey(value: string): ChannelKey | null {
  const [platform, workspace, channel] = value.split(':');
  if (!workspace || !channel || !['discord', 'slack', 'terminal'].includes(platform ?? '')) return null;
  return { platform: platform as ChannelKey['platform'], workspace, channel };
}

/**
 * Creates the adapter of every platform whose variables are set (the SDKs load only then), or the terminal
 * chat when none is and `terminal` allows it.
 */
export async function loadAdapters(
  config: Config,
  logger: Logger,
  terminal: boolean | { input: Readable; output: Writable },
  events: AccessEvents,
): Promise<Map<ChannelKey['platform'], ChatAdapter>> {
  const adapters = new Map<ChannelKey['platform'], ChatAdapter>();
  if (config.discord.token) {
    const { createDiscordAdapter } = await import('../chat/discord/adapter.ts');
    adapters.set(
      'discord',
      createDiscordAdapter(config, logger, {
        onAccessLost: (lost) => events.lost({ platform: 'discord', ...lost }),
        onGuildJoined: (joined) => events.joined({ platform: 'discord', workspace: joined.workspace }),
      }),
    );
  }
  if (config.slack.botToken) {
    const { createSlackAdapter } = await import('../chat/slack/adapter.ts');
    adapters.set(
      'slack',
      createSlackAdapter(config, logger, {
        commands: COMMANDS,
        listen: false,
        managers: config.slack.managers,
        onAccessLost: (lost) => events.lost({ platform: 'slack', ...lost }),
        onWorkspaceJoined: (joined) => events.joined({ platform: 'slack', workspace: joined.workspace }),
      }),
    );
  }
  if (adapters.size === 0 && terminal) {
    const streams = typeof terminal === 'object' ? terminal : {};
    adapters.set('terminal', createTerminalAdapter({ commands: COMMANDS, ...streams }));
  }
  return adapters;
}
