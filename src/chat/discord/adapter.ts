import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Guild,
  type Interaction,
  type InteractionReplyOptions,
  MessageFlags,
  RateLimitError,
  Routes,
} from 'discord.js';
import type { Reply } from '../../briefing/blocks.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { ChannelKey } from '../../store/port.ts';
import type { ChatAdapter, Dispatcher, PostResult } from '../port.ts';
import { truncate } from '../truncate.ts';
import { toCommandRequest } from './interaction.ts';
import { type DiscordMessage, discordText, renderDiscordReply } from './render.ts';

/** A channel or a whole guild the bot can no longer reach. */
export interface DiscordAccessLost {
  workspace: string;
  /** Null when the whole guild is gone (the bot was kicked or the guild deleted). */
  channel: string | null;
  detail: string;
}

/** Options for {@link createDiscordAdapter}. */
export interface DiscordAdapterOptions {
  /** Answer within this many milliseconds or defer first (Discord drops an interaction after 3 s). */
  deferAfterMs?: number;
  /** How long a channel that refused a post (403/404) is not tried again, so a lost channel never storms. */
  noAccessCooldownMs?: number;
  /** Told when a channel or guild is lost, so the app can pause its subscriptions and schedules. */
  onAccessLost?: (lost: DiscordAccessLost) => void;
  /** Told when the bot is added to a guild (again), so the app can resume what a removal paused there. */
  onGuildJoined?: (joined: { workspace: string }) => void;
}

/** The Discord adapter: a discord.js gateway client. */
export interface DiscordAdapter extends ChatAdapter {
  readonly platform: 'discord';
  /** The underlying discord.js client, for diagnostics. */
  readonly client: Client;
}

const ERROR_TEXT = 'Something went wrong while answering that. It has been logged; please try again.';
const TIMED_OUT = Symbol('timed out');

function messageOptions(message: DiscordMessage) {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    allowedMentions: message.allowed_mentions,
  };
}

function ephemeral(message: DiscordMessage, flagged: boolean): InteractionReplyOptions {
  return { ...messageOptions(message), ...(flagged ? { flags: MessageFlags.Ephemeral } : {}) };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Creates the Discord adapter from `config.discord` (token required; `apiUrl` overrides the REST base). */
export function createDiscordAdapter(
  config: Config,
  logger: Logger,
  options: DiscordAdapterOptions = {},
): DiscordAdapter {
  const { token, apiUrl } = config.discord;
  if (!token) throw new Error('Discord needs DISCORD_TOKEN');
  const log = logger.child({ platform: 'discord' });
  const deferAfterMs = options.deferAfterMs ?? 2_000;
  const cooldownMs = options.noAccessCooldownMs ?? 15 * 60_000;
  /** Channels that refused a post: when, and in which guild (a rejoined guild clears its channels). */
  const lostChannels = new Map<string, { at: number; workspace: string }>();
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...(apiUrl ? { rest: { api: apiUrl.replace(/\/+$/, '') } } : {}),
  });
  // Posting works without the gateway (a scheduled briefing needs only REST), so the token is set up front.
  client.rest.setToken(token);
  let dispatcher: Dispatcher | null = null;

  async function sendReply(interaction: ChatInputCommandInteraction, reply: Reply, deferred: boolean) {
    const messages = renderDiscordReply(reply);
    const isPrivate = reply.visibility === 'private';
    const [first, ...rest] = messages;
    if (!first) return;
    if (!deferred) await interaction.reply(ephemeral(first, isPrivate));
    else if (!isPrivate) await interaction.editReply(messageOptions(first));
    else {
      // A deferral is public; a private answer replaces it with an ephemeral follow-up rather than leak.
      await interaction.deleteReply();
      await interaction.followUp(ephemeral(first, true));
    }
    for (const message of rest) await interaction.followUp(ephemeral(message, isPrivate));
  }

  async function answerCommand(interaction: ChatInputCommandInteraction, run: Dispatcher['run']) {
    const request = toCommandRequest(interaction);
    lostChannels.delete(request.channel.channel);
    const pending = run(request);
    const early = await withTimeout(pending, deferAfterMs);
    if (early !== TIMED_OUT) return sendReply(interaction, early, false);
    await interaction.deferReply();
    return sendReply(interaction, await pending, true);
  }

  async function answerError(interaction: ChatInputCommandInteraction, error: unknown) {
    log.error({ err: error, command: interaction.commandName, code: 'DISCORD_REPLY_FAILED' }, 'reply failed');
    const message = ephemeral(discordText(ERROR_TEXT), true);
    try {
      if (interaction.replied || interaction.deferred) await interaction.followUp(message);
      else await interaction.reply(message);
    } catch (secondError) {
      log.error(
        { err: secondError, code: 'DISCORD_ERROR_REPLY_FAILED' },
        'could not report the error either',
      );
    }
  }

  async function answerAutocomplete(interaction: AutocompleteInteraction, complete: Dispatcher['complete']) {
    const focused = interaction.options.getFocused(true);
    let choices: string[] = [];
    try {
      choices = await complete({
        ...toCommandRequest(interaction),
        option: focused.name,
        partial: focused.value,
      });
    } catch (error) {
      log.warn(
        { err: error, command: interaction.commandName, code: 'DISCORD_COMPLETE_FAILED' },
        'completion',
      );
    }
    const unique = [...new Set(choices.map((c) => truncate(c, 100)).filter(Boolean))].slice(0, 25);
    await interaction.respond(unique.map((c) => ({ name: c, value: c })));
  }

  async function onInteraction(interaction: Interaction) {
    const current = dispatcher;
    if (!current) return;
    if (interaction.isAutocomplete()) {
      await answerAutocomplete(interaction, current.complete.bind(current)).catch((error: unknown) =>
        log.warn({ err: error, code: 'DISCORD_COMPLETE_FAILED' }, 'autocomplete response failed'),
      );
      return;
    }
    if (!interaction.isChatInputCommand()) return;
    await answerCommand(interaction, current.run.bind(current)).catch((error: unknown) =>
      answerError(interaction, error),
    );
  }

  function onGuildDelete(guild: Guild) {
    const detail = 'removed from the guild';
    log.warn({ guild: guild.id, code: 'DISCORD_GUILD_LOST' }, 'lost access to a guild');
    options.onAccessLost?.({ workspace: guild.id, channel: null, detail });
  }

  // discord.js emits GuildCreate only for a guild that was not in the cache once ready: a join, not the guilds
  // announced at start-up (those are GuildAvailable).
  function onGuildCreate(guild: Guild) {
    log.info({ guild: guild.id, code: 'DISCORD_GUILD_JOINED' }, 'added to a guild');
    for (const [channel, lost] of lostChannels) if (lost.workspace === guild.id) lostChannels.delete(channel);
    options.onGuildJoined?.({ workspace: guild.id });
  }

  function noAccess(channel: ChannelKey, detail: string): PostResult {
    lostChannels.set(channel.channel, { at: Date.now(), workspace: channel.workspace });
    log.warn({ channel, detail, code: 'DISCORD_NO_ACCESS' }, 'lost access to a channel');
    options.onAccessLost?.({ workspace: channel.workspace, channel: channel.channel, detail });
    return { ok: false, reason: 'no-access', detail };
  }

  return {
    platform: 'discord',
    client,

    async start(next: Dispatcher) {
      dispatcher = next;
      client.on(Events.InteractionCreate, (interaction) => void onInteraction(interaction));
      client.on(Events.GuildDelete, onGuildDelete);
      client.on(Events.GuildCreate, onGuildCreate);
      client.on(Events.Error, (error) =>
        log.error({ err: error, code: 'DISCORD_CLIENT_ERROR' }, 'client error'),
      );
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(token);
      await ready;
      log.info({ user: client.user?.tag }, 'connected to the Discord gateway');
    },

    async stop() {
      dispatcher = null;
      await client.destroy();
    },

    async post(channel: ChannelKey, reply: Reply): Promise<PostResult> {
      const lostAt = lostChannels.get(channel.channel)?.at;
      if (lostAt !== undefined && Date.now() - lostAt < cooldownMs)
        return { ok: false, reason: 'no-access', detail: 'access lost recently; not retried yet' };
      const messages = renderDiscordReply(reply);
      for (const [index, body] of messages.entries()) {
        try {
          await client.rest.post(Routes.channelMessages(channel.channel), { body });
        } catch (error) {
          // Say how far it got, so a caller that retries knows earlier parts are already in the channel.
          const sent = `${index} of ${messages.length} messages sent`;
          if (error instanceof DiscordAPIError && (error.status === 403 || error.status === 404))
            return noAccess(channel, `HTTP ${error.status}: ${error.message} (${sent})`);
          if (error instanceof RateLimitError)
            return {
              ok: false,
              reason: 'rate-limited',
              detail: `retry after ${error.retryAfter} ms (${sent})`,
            };
          log.error({ err: error, channel, code: 'DISCORD_POST_FAILED' }, 'post failed');
          return { ok: false, reason: 'error', detail: `${(error as Error).message} (${sent})` };
        }
      }
      return { ok: true };
    },
  };
}
