import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { CommandDefinition } from '../../../commands/types.ts';
import type { Reply } from '../../briefing/blocks.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { ChannelKey } from '../../store/port.ts';
import type { ChatAdapter, Dispatcher, PostResult } from '../port.ts';
import { boltLogger } from './bolt-logger.ts';
import { type SlashCommandPayload, SlashCommandRunner } from './commands.ts';
import { ChannelPacer } from './pacer.ts';
import { RecentIds } from './recent-ids.ts';
import { renderSlackReply } from './render.ts';

/** The path Slack posts events and slash commands to. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Options for {@link createSlackAdapter}. */
export interface SlackAdapterOptions {
  /** The command definitions: slash-command text is parsed into typed options against them. */
  commands: readonly CommandDefinition[];
  /** Slack user ids that may manage feeds and schedules besides workspace admins and owners. */
  managers?: readonly string[];
  /**
   * HTTP mode only. `true` (default): the adapter listens on `config.http` itself, serving `customRoutes` beside
   * `/slack/events`. `false`: the app owns the server and hands requests to {@link SlackAdapter.handleHttp}.
   */
  listen?: boolean;
  /** Extra routes (e.g. `/healthz`, `/metrics`) on the adapter's own server (Bolt `customRoutes`). */
  customRoutes?: CustomRoute[];
  /** Minimum gap between two messages to one channel; Slack allows about one per second. */
  channelIntervalMs?: number;
  /**
   * Told when a channel is lost (bot removed, channel archived or deleted), or the whole workspace (`channel`
   * null: the app was uninstalled or its bot token revoked), so the app can pause it.
   */
  onAccessLost?: (lost: { workspace: string; channel: string | null; detail: string }) => void;
  /** Told when a workspace this process saw lost sends a command again: the app was installed back. */
  onWorkspaceJoined?: (joined: { workspace: string }) => void;
  /** How long a channel that refused a post is not tried again, so a lost channel never storms. */
  noAccessCooldownMs?: number;
  /** Web API retry policy override (tests shorten it); rate limits are always waited out per `Retry-After`. */
  retryConfig?: WebClientOptions['retryConfig'];
}

/** The Slack adapter: Bolt over HTTP (signed requests) or Socket Mode. */
export interface SlackAdapter extends ChatAdapter {
  readonly platform: 'slack';
  /** 'http' when Slack posts to `/slack/events`; 'socket' when `SLACK_APP_TOKEN` selects Socket Mode. */
  readonly mode: 'http' | 'socket';
  /**
   * Handles a request on a server the app owns (`listen: false`). Returns false, without touching the response,
   * for any path other than `/slack/events`, so the app can route it elsewhere.
   */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean;
  /** Where the adapter's own HTTP server listens, once started (null in Socket Mode or with `listen: false`). */
  address(): AddressInfo | null;
}

/** Platform error codes that mean the bot can no longer post to the channel. */
const NO_ACCESS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'token_revoked',
  'invalid_auth',
  'restricted_action',
  'team_access_not_granted',
  'ekm_access_denied',
]);

function apiBase(url: string | undefined): string | undefined {
  if (!url) return undefined;
  // WebClient joins method names onto the base, so it must end with a slash.
  return url.endsWith('/') ? url : `${url}/`;
}

/** Creates the Slack adapter: Socket Mode when `config.slack.appToken` is set, else HTTP with the signing secret. */
export function createSlackAdapter(
  config: Config,
  logger: Logger,
  options: SlackAdapterOptions,
): SlackAdapter {
  const { botToken, signingSecret, appToken, apiUrl } = config.slack;
  if (!botToken) throw new Error('Slack needs SLACK_BOT_TOKEN');
  if (!appToken && !signingSecret)
    throw new Error('Slack over HTTP needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN)');
  const log = logger.child({ platform: 'slack' });
  const slackApiUrl = apiBase(apiUrl);
  const clientOptions: WebClientOptions = {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    rejectRateLimitedCalls: false,
    retryConfig: options.retryConfig ?? { retries: 5, factor: 2, minTimeout: 1_000, maxTimeout: 60_000 },
  };
  const mode = appToken ? 'socket' : 'http';
  const receiver: Receiver = appToken
    ? new SocketModeReceiver({
        appToken,
        logger: boltLogger(log),
        installerOptions: { clientOptions },
      })
    : new HTTPReceiver({
        signingSecret: signingSecret as string,
        endpoints: SLACK_EVENTS_PATH,
        customRoutes: options.customRoutes ?? [],
        logger: boltLogger(log),
      });
  const app = new App({ token: botToken, receiver, clientOptions, logger: boltLogger(log) });
  const pacer = new ChannelPacer(options.channelIntervalMs ?? 1_000);
  const cooldownMs = options.noAccessCooldownMs ?? 15 * 60_000;
  const lostChannels = new Map<string, number>();
  const seenTriggers = new RecentIds();
  let dispatcher: Dispatcher | null = null;
  let server: Server | null = null;
  const runner = new SlashCommandRunner({
    commands: options.commands,
    managers: options.managers ?? [],
    client: app.client,
    log,
    dispatcher: () => dispatcher,
  });

  // Workspaces that uninstalled the app or revoked its token while this process ran.
  const lostWorkspaces = new Set<string>();
  const workspaceLost = (workspace: string | undefined, detail: string) => {
    if (!workspace || lostWorkspaces.has(workspace)) return;
    lostWorkspaces.add(workspace);
    log.warn({ workspace, detail, code: 'SLACK_WORKSPACE_LOST' }, 'lost access to the workspace');
    options.onAccessLost?.({ workspace, channel: null, detail });
  };
  app.event('app_uninstalled', async ({ body }) => workspaceLost(body.team_id, 'app_uninstalled'));
  app.event('tokens_revoked', async ({ event, body }) => {
    // A revoked user token leaves the bot working; only the bot's own token takes the workspace away.
    if ((event.tokens.bot ?? []).length > 0) workspaceLost(body.team_id, 'tokens_revoked');
  });

  app.command(/^\/.+/, async ({ command, ack, respond, context }) => {
    await ack();
    // Slack (x-slack-retry-num), a proxy or a Socket Mode redelivery may hand us the same command twice.
    if (command.trigger_id && !seenTriggers.add(command.trigger_id)) {
      log.info({ command: command.command, retry: context.retryNum }, 'duplicate slash command ignored');
      return;
    }
    // A command from a channel proves the bot is back in it, and in its workspace.
    lostChannels.delete(command.channel_id);
    if (lostWorkspaces.delete(command.team_id)) options.onWorkspaceJoined?.({ workspace: command.team_id });
    await runner.answer(command as SlashCommandPayload, respond);
  });
  app.error(async (error) => {
    log.error({ err: error, code: 'SLACK_HANDLER_FAILED' }, 'Slack handler failed');
  });

  async function postOne(channel: ChannelKey, blocks: unknown[], text: string): Promise<void> {
    await pacer.run(channel.channel, () =>
      app.client.chat.postMessage({
        channel: channel.channel,
        text,
        blocks: blocks as never,
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
  }

  return {
    platform: 'slack',
    mode,

    async start(next: Dispatcher) {
      dispatcher = next;
      if (mode === 'socket') {
        await app.start();
        log.info('connected to Slack over Socket Mode');
      } else if (options.listen !== false) {
        server = (await app.start({ port: config.http.port, host: config.http.host })) as Server;
        log.info({ address: server.address() }, `listening for Slack on ${SLACK_EVENTS_PATH}`);
      }
    },

    async stop() {
      dispatcher = null;
      if (mode === 'socket' || server) await app.stop();
      server = null;
    },

    handleHttp(req: IncomingMessage, res: ServerResponse): boolean {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== SLACK_EVENTS_PATH || mode !== 'http') return false;
      // Bolt throws for anything but POST on its endpoint; answer that here so the app's server never sees it.
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end();
        return true;
      }
      (receiver as HTTPReceiver).requestListener(req, res);
      return true;
    },

    address() {
      const address = server?.address();
      return address && typeof address === 'object' ? address : null;
    },

    async post(channel: ChannelKey, reply: Reply): Promise<PostResult> {
      const lostAt = lostChannels.get(channel.channel);
      if (lostAt !== undefined && Date.now() - lostAt < cooldownMs)
        return { ok: false, reason: 'no-access', detail: 'access lost recently; not retried yet' };
      const messages = renderSlackReply(reply);
      for (const [index, message] of messages.entries()) {
        try {
          await postOne(channel, message.blocks, message.text);
        } catch (error) {
          const code = (error as { data?: { error?: string } }).data?.error;
          // Say how far it got, so a caller that retries knows earlier parts are already in the channel.
          const sent = index > 0 ? ` (${index} of ${messages.length} messages sent)` : '';
          if (code && NO_ACCESS.has(code)) {
            lostChannels.set(channel.channel, Date.now());
            log.warn({ channel, detail: code, code: 'SLACK_NO_ACCESS' }, 'lost access to a channel');
            options.onAccessLost?.({ workspace: channel.workspace, channel: channel.channel, detail: code });
            return { ok: false, reason: 'no-access', detail: `${code}${sent}` };
          }
          if ((error as { code?: string }).code === 'slack_webapi_rate_limited_error')
            return { ok: false, reason: 'rate-limited', detail: `${(error as Error).message}${sent}` };
          log.error({ err: error, channel, code: 'SLACK_POST_FAILED' }, 'post failed');
          return { ok: false, reason: 'error', detail: `${code ?? (error as Error).message}${sent}` };
        }
      }
      return { ok: true };
    },
  };
}
