import type { CommandInput } from '../../commands/types.ts';
import type { Reply } from '../briefing/blocks.ts';
import type { ChannelKey } from '../store/port.ts';

/** A slash command as an adapter received it, already parsed into typed options. */
export interface CommandRequest {
  command: string;
  input: CommandInput;
  channel: ChannelKey;
  user: { id: string; name?: string; canManage: boolean };
}

/** What the app gives every adapter: run a command, complete an option. Never throws: errors become replies. */
export interface Dispatcher {
  /** Runs a command and returns the reply to render (errors already turned into a private reply). */
  run(request: CommandRequest): Promise<Reply>;
  /** Completions for an autocomplete option. */
  complete(request: CommandRequest & { option: string; partial: string }): Promise<string[]>;
}

/** The outcome of posting to a channel. */
export type PostResult =
  | { ok: true }
  | { ok: false; reason: 'no-access' | 'rate-limited' | 'error'; detail: string };

/** A chat platform: Discord, Slack or the terminal. */
export interface ChatAdapter {
  readonly platform: ChannelKey['platform'];
  /** Connects and starts routing commands to the dispatcher. */
  start(dispatcher: Dispatcher): Promise<void>;
  /** Disconnects; in-flight replies finish or are abandoned cleanly. */
  stop(): Promise<void>;
  /** Posts a briefing or notice to a channel, split across messages as the platform's limits require. */
  post(channel: ChannelKey, reply: Reply): Promise<PostResult>;
}
