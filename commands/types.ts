import type { Reply } from '../src/briefing/blocks.ts';
import type { ChannelKey, Store } from '../src/store/port.ts';
import type { RateLimiter } from './support/rate-limit.ts';

/** One typed option of a slash command; Discord registration and Slack text parsing both derive from it. */
export interface CommandOption {
  name: string;
  description: string;
  type: 'string' | 'integer' | 'boolean';
  required?: boolean;
  /** Offer completions (Discord autocomplete) from {@link CommandDefinition.autocomplete}. */
  autocomplete?: boolean;
  choices?: readonly string[];
  /** Typed as text (terminal, Slack): this option takes every remaining positional word, spaces and all. */
  rest?: boolean;
  /** Checks a value beyond its type; returns what is wrong, in words for the user, or null when fine. */
  validate?: (value: string) => string | null;
}

/** Parsed option values, by option name. */
export type CommandInput = Record<string, string | number | boolean | undefined>;

/** Feed management the commands may use; the app wires it to the guarded fetcher and the store. */
export interface FeedService {
  /** Adds a user-supplied URL: SSRF-checked, fetched and parsed once before it is accepted. */
  addFromChat(url: string): Promise<{ feedId: number; title: string | null }>;
  /** Re-enables a disabled feed and resets its failure count. */
  enable(feedId: number): Promise<void>;
}

/** Everything a command may touch: no SDK, no driver, just ports. */
export interface CommandContext {
  channel: ChannelKey;
  user: { id: string; name?: string; canManage: boolean };
  store: Store;
  feeds: FeedService;
  now: Date;
  /** Feed ids from the config file and `--feed`. */
  globalFeedIds: number[];
  /** The timezone a schedule uses when none is given (config); UTC when unset. */
  defaultTimezone?: string;
  /** Tells the scheduler that this channel's schedule changed (the app wires it to its sync). */
  schedulesChanged?: () => Promise<void>;
  /** Limits on what chat may do (config); defaults apply when absent. */
  limits?: Partial<CommandLimits>;
  /** Per-user rate limiting across calls; without it nothing is rate limited. */
  limiter?: RateLimiter;
}

/** Limits on chat-driven feed management. */
export interface CommandLimits {
  /** Subscriptions one channel may hold (default 50). */
  feedsPerChannel: number;
  /** `/feeds add` attempts per user per hour (default 10). */
  feedAddsPerUserPerHour: number;
}

/** A slash command: declared once, run the same way on every platform. */
export interface CommandDefinition {
  name: string;
  description: string;
  options: readonly CommandOption[];
  /** Needs Manage Channels (Discord) or the workspace's admin rights (Slack). */
  requiresManage?: boolean;
  /** Example invocations as typed in text (`/who-said Zelensky since:7d`), shown by `/help` and `--help`. */
  examples?: readonly string[];
  run(input: CommandInput, ctx: CommandContext): Promise<Reply>;
  /** Completions for an option marked `autocomplete`. */
  autocomplete?(option: string, partial: string, ctx: CommandContext): Promise<string[]>;
}

/** A refusal meant for the user: becomes a private, helpful reply, never a crash. */
export class UserError extends Error {
  constructor(
    readonly identifier: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
