import { randomBytes } from 'node:crypto';
import { validateInput } from '../../commands/support/input.ts';
import { createRateLimiter, type RateLimiter } from '../../commands/support/rate-limit.ts';
import { unknownCommandMessage } from '../../commands/support/usage.ts';
import {
  type CommandContext,
  type CommandDefinition,
  type CommandLimits,
  type FeedService,
  UserError,
} from '../../commands/types.ts';
import type { Reply } from '../briefing/blocks.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/port.ts';
import type { CommandRequest, Dispatcher } from './port.ts';

/** Stable codes of failures that are not the user's, shown to the user and logged for the operator. */
export const DispatchErrorCode = {
  /** A command threw something that is not a UserError. */
  CommandFailed: 'BW_COMMAND_FAILED',
  /** A command returned something that is not a reply. */
  BadReply: 'BW_BAD_REPLY',
} as const;

/** Dependencies of {@link createDispatcher}. */
export interface DispatcherOptions {
  commands: readonly CommandDefinition[];
  store: Store;
  feeds: FeedService;
  /** Feed ids from the config file and `--feed`; a function when they can change while running. */
  globalFeedIds: number[] | (() => number[]);
  logger: Logger;
  /** The clock commands see (tests pass a fixed one). */
  clock?: () => Date;
  defaultTimezone?: string;
  /** Called after a command changed a schedule, so the scheduler re-reads them. */
  schedulesChanged?: () => Promise<void>;
  /** Feed limits from the config; the commands' defaults (50 per channel, 10 adds per user per hour) otherwise. */
  limits?: Partial<CommandLimits>;
  /** Shared rate limiter; default one in memory for this dispatcher. */
  limiter?: RateLimiter;
  /** `private` keeps every answer to the caller; default `public` (answers to queries are for the channel). */
  answers?: 'public' | 'private';
}

/** Most completions an adapter can show (Discord's limit). */
const MAX_COMPLETIONS = 25;

function userErrorReply(error: UserError, command?: CommandDefinition): Reply {
  const hint =
    command && command.name !== 'help' && error.identifier !== 'needs-manage'
      ? `Type /${command.name} --help for usage and examples.`
      : 'Type /help to see every command.';
  return {
    visibility: 'private',
    summary: error.message,
    blocks: [
      { type: 'text', text: error.message },
      { type: 'context', text: hint },
    ],
  };
}

function failureReply(code: string, incident: string): Reply {
  const text = `Something went wrong on our side (${code}, ref ${incident}). It is logged; try again in a moment.`;
  return { visibility: 'private', summary: text, blocks: [{ type: 'text', text }] };
}

function isReply(value: unknown): value is Reply {
  const reply = value as Reply | null;
  return (
    typeof reply === 'object' &&
    reply !== null &&
    Array.isArray(reply.blocks) &&
    (reply.visibility === 'public' || reply.visibility === 'private')
  );
}

/**
 * The one Dispatcher every adapter uses: finds the command, checks manage rights and options, runs it.
 * A UserError becomes a private, helpful reply; anything else a private reply with a stable code, logged.
 * It never throws.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { commands, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const byName = new Map(commands.map((c) => [c.name, c]));
  const limiter = options.limiter ?? createRateLimiter();

  const context = (request: CommandRequest): CommandContext => ({
    channel: request.channel,
    user: request.user,
    store: options.store,
    feeds: options.feeds,
    now: clock(),
    globalFeedIds:
      typeof options.globalFeedIds === 'function' ? options.globalFeedIds() : options.globalFeedIds,
    ...(options.defaultTimezone ? { defaultTimezone: options.defaultTimezone } : {}),
    ...(options.schedulesChanged ? { schedulesChanged: options.schedulesChanged } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    limiter,
  });

  const fail = (code: string, request: CommandRequest, error: unknown): Reply => {
    const incident = randomBytes(4).toString('hex');
    try {
      logger.error(
        {
          err: error,
          code,
          incident,
          command: request.command,
          channel: request.channel,
          user: request.user.id,
        },
        'command failed',
      );
    } catch {
      // Logging must not turn a handled failure into a crash.
    }
    return failureReply(code, incident);
  };

  return {
    async run(request) {
      const name = request.command.replace(/^\//, '').toLowerCase();
      const command = byName.get(name);
      try {
        if (!command) throw new UserError('unknown-command', unknownCommandMessage(name, commands));
        if (command.requiresManage && !request.user.canManage) {
          throw new UserError(
            'needs-manage',
            `Only channel managers can use /${command.name}. Ask someone with Manage Channels (Discord) or a workspace admin (Slack).`,
          );
        }
        const input = validateInput(command, request.input);
        const reply: unknown = await command.run(input, context(request));
        if (!isReply(reply)) return fail(DispatchErrorCode.BadReply, request, new Error('not a reply'));
        return options.answers === 'private' ? { ...reply, visibility: 'private' } : reply;
      } catch (error) {
        if (error instanceof UserError) return userErrorReply(error, command);
        return fail(DispatchErrorCode.CommandFailed, request, error);
      }
    },

    async complete(request) {
      const command = byName.get(request.command.replace(/^\//, '').toLowerCase());
      const option = command?.options.find((o) => o.name === request.option);
      if (!command?.autocomplete || !option?.autocomplete) return [];
      try {
        const values = await command.autocomplete(request.option, request.partial, context(request));
        return values.filter((v) => typeof v === 'string' && v.length > 0).slice(0, MAX_COMPLETIONS);
      } catch (error) {
        try {
          logger.warn({ err: error, command: command.name, option: request.option }, 'autocomplete failed');
        } catch {
          // See above: never let logging escape.
        }
        return [];
      }
    },
  };
}
