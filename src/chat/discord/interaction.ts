import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  PermissionFlagsBits,
} from 'discord.js';
import type { CommandInput } from '../../../commands/types.ts';
import type { ChannelKey } from '../../store/port.ts';
import type { CommandRequest } from '../port.ts';

/** The workspace part of a channel key for direct messages, which have no guild. */
export const DIRECT_MESSAGES = '@me';

/** The channel key of a Discord channel: discord / guild id / channel id. */
export function discordChannelKey(guildId: string | null, channelId: string): ChannelKey {
  return { platform: 'discord', workspace: guildId ?? DIRECT_MESSAGES, channel: channelId };
}

function toInput(options: readonly CommandInteractionOption[]): CommandInput {
  const input: CommandInput = {};
  for (const option of options) {
    const value = option.value;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      input[option.name] = value;
  }
  return input;
}

/** A slash command interaction as the neutral request the dispatcher runs. */
export function toCommandRequest(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
): CommandRequest {
  const name =
    interaction.member && 'displayName' in interaction.member ? interaction.member.displayName : null;
  return {
    command: interaction.commandName,
    input: toInput(interaction.options.data),
    channel: discordChannelKey(interaction.guildId, interaction.channelId ?? 'unknown'),
    user: {
      id: interaction.user.id,
      name: name ?? interaction.user.globalName ?? interaction.user.username,
      // In a DM nobody manages anything shared; in a guild, Manage Channels is the bar for feeds and schedules.
      canManage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
    },
  };
}
