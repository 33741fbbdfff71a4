import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { parseCommandLine } from '../../../commands/parse-text.ts';
import { type CommandDefinition, UserError } from '../../../commands/types.ts';
import type { Reply } from '../../briefing/blocks.ts';
import type { Logger } from '../../log.ts';
import type { CommandRequest, Dispatcher } from '../port.ts';
import { renderSlackReply } from './render.ts';

/** The fields of a Slack slash-command payload the adapter uses. */
export interface SlashCommandPayload {
  command: string;
  text: string;
  team_id: string;
  channel_id: string;
  user_id: string;
  user_name?: string;
}

/** What {@link SlashCommandRunner} needs from the adapter. */
export interface SlashCommandRunnerDeps {
  commands: readonly CommandDefinition[];
  managers: readonly string[];
  client: WebClient;
  log: Logger;
  dispatcher: () => Dispatcher | null;
}

const ADMIN_CACHE_MS = 5 * 60_000;
const ERROR_TEXT = 'Something went wrong while answering that. It has been logged; please try again.';

function privateText(text: string): Reply {
  return { visibility: 'private', summary: text, blocks: [{ type: 'text', text }] };
}

/** Turns a slash command into a dispatcher request, runs it and answers through `respond()`. */
export class SlashCommandRunner {
  private readonly admins = new Map<string, { admin: boolean; at: number }>();

  constructor(private readonly deps: SlashCommandRunnerDeps) {}

  /** Answers one slash command (already acknowledged); never throws, never stays silent. */
  async answer(payload: SlashCommandPayload, respond: RespondFn): Promise<void> {
    let reply: Reply;
    try {
      reply = await this.run(payload);
    } catch (error) {
      if (error instanceof UserError) reply = privateText(error.message);
      else {
        this.deps.log.error(
          { err: error, command: payload.command, code: 'SLACK_COMMAND_FAILED' },
          'command failed',
        );
        reply = privateText(ERROR_TEXT);
      }
    }
    const responseType = reply.visibility === 'public' ? 'in_channel' : 'ephemeral';
    try {
      for (const message of renderSlackReply(reply)) {
        await respond({
          response_type: responseType,
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
        });
      }
    } catch (error) {
      this.deps.log.error(
        { err: error, command: payload.command, code: 'SLACK_RESPOND_FAILED' },
        'respond failed',
      );
    }
  }

  private async run(payload: SlashCommandPayload): Promise<Reply> {
    const dispatcher = this.deps.dispatcher();
    if (!dispatcher) return privateText('briefwire is shutting down; try again in a moment.');
    const parsed = parseCommandLine(`${payload.command} ${payload.text ?? ''}`, this.deps.commands);
    const request: CommandRequest = {
      command: parsed.command,
      input: parsed.input,
      channel: { platform: 'slack', workspace: payload.team_id, channel: payload.channel_id },
      user: {
        id: payload.user_id,
        ...(payload.user_name ? { name: payload.user_name } : {}),
        // Commands decide per action (`/feeds list` is open, `/feeds add` is not), so every request carries it;
        // users.info is cached per user, so this costs one call per user every few minutes.
        canManage: await this.canManage(payload.user_id),
      },
    };
    return dispatcher.run(request);
  }

  /** Workspace admins and owners (users.info), or users listed in the config, manage feeds and schedules. */
  private async canManage(userId: string): Promise<boolean> {
    if (this.deps.managers.includes(userId)) return true;
    const cached = this.admins.get(userId);
    if (cached && Date.now() - cached.at < ADMIN_CACHE_MS) return cached.admin;
    try {
      const { user } = await this.deps.client.users.info({ user: userId });
      const admin = Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
      this.admins.set(userId, { admin, at: Date.now() });
      return admin;
    } catch (error) {
      this.deps.log.warn(
        { err: error, code: 'SLACK_USERS_INFO_FAILED' },
        'users.info failed; treating as member',
      );
      return false;
    }
  }
}
