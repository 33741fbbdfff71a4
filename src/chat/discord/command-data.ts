import {
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
  type SlashCommandIntegerOption,
  type SlashCommandStringOption,
} from 'discord.js';
import type { CommandDefinition, CommandOption } from '../../../commands/types.ts';
import { truncate } from '../truncate.ts';

/** Discord caps command and option descriptions at 100 characters; longer help stays for /help and Slack. */
const DESCRIPTION_MAX = 100;

type OptionBuilder = SlashCommandStringOption | SlashCommandIntegerOption;

function describe<T extends OptionBuilder>(builder: T, option: CommandOption): T {
  builder
    .setName(option.name)
    .setDescription(truncate(option.description, DESCRIPTION_MAX))
    .setRequired(option.required ?? false);
  if (option.autocomplete) builder.setAutocomplete(true);
  return builder;
}

function addOption(command: SlashCommandBuilder, option: CommandOption): void {
  if (option.type === 'boolean') {
    command.addBooleanOption((b) =>
      b
        .setName(option.name)
        .setDescription(truncate(option.description, DESCRIPTION_MAX))
        .setRequired(option.required ?? false),
    );
  } else if (option.type === 'integer') {
    command.addIntegerOption((b) => {
      describe(b, option);
      if (option.choices && !option.autocomplete)
        b.addChoices(...option.choices.map((c) => ({ name: c, value: Number(c) })));
      return b;
    });
  } else {
    command.addStringOption((b) => {
      describe(b, option);
      if (option.choices && !option.autocomplete)
        b.addChoices(...option.choices.map((c) => ({ name: c, value: c })));
      return b;
    });
  }
}

/**
 * Discord application commands derived from the one command definition list. Validated by discord.js's own
 * builders (names, lengths, choice counts), so a bad definition fails here rather than at Discord.
 */
export function toDiscordCommands(
  definitions: readonly CommandDefinition[],
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return definitions.map((definition) => {
    const command = new SlashCommandBuilder()
      .setName(definition.name)
      .setDescription(truncate(definition.description, DESCRIPTION_MAX));
    // Discord requires required options to come before optional ones; the order within each group is kept.
    const ordered = [
      ...definition.options.filter((o) => o.required),
      ...definition.options.filter((o) => !o.required),
    ];
    for (const option of ordered) addOption(command, option);
    return command.toJSON();
  });
}
