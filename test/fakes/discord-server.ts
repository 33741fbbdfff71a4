import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** One REST request the stand-in received, as a test asserts on it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  body: unknown;
  authorization: string | undefined;
}

/** How the stand-in answers `POST /channels/:id/messages` for a channel. */
export type ChannelBehaviour =
  | { kind: 'ok' }
  | { kind: 'forbidden' }
  | { kind: 'missing' }
  /** 429 with `retry_after` seconds, refusing every request until that time has passed (as Discord does). */
  | { kind: 'rate-limited'; retryAfterSeconds: number };

/** The bot user the stand-in logs in as. */
export const FAKE_BOT = { id: '100000000000000001', username: 'briefwire', discriminator: '0', bot: true };
/** The application id the stand-in uses. */
export const FAKE_APPLICATION_ID = '100000000000000002';

let nextId = 200000000000000000n;
/** A fresh snowflake-like id. */
export function fakeId(): string {
  nextId += 1n;
  return nextId.toString();
}

function fakeMessage(channelId: string, body: Record<string, unknown> = {}) {
  return {
    id: fakeId(),
    channel_id: channelId,
    type: 0,
    author: FAKE_BOT,
    content: body.content ?? '',
    embeds: body.embeds ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: body.flags ?? 0,
    components: [],
  };
}

/**
 * A local Discord stand-in on 127.0.0.1: the REST API under `/api/v10` and the gateway (WebSocket) it advertises
 * through `GET /gateway/bot`. It records every REST request so tests assert on what would have been sent.
 */
export class FakeDiscord extends EventEmitter {
  readonly requests: RecordedRequest[] = [];
  readonly identifies: unknown[] = [];
  /** Guilds the bot is in: listed (unavailable) in READY, then each sent as GUILD_CREATE, as Discord does. */
  readonly guilds: string[] = [];
  private readonly channels = new Map<string, ChannelBehaviour>();
  private readonly limitedUntil = new Map<string, number>();
  private readonly server: Server;
  private readonly gateway: WebSocketServer;
  private sequence = 0;

  constructor() {
    super();
    this.server = createServer((req, res) => void this.handle(req, res));
    this.gateway = new WebSocketServer({ server: this.server, path: '/gateway' });
    this.gateway.on('connection', (socket) => this.onGateway(socket));
  }

  /** Starts listening on 127.0.0.1 on a free port. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The REST base to give discord.js (`DISCORD_API_URL`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
  }

  /** Sets how a channel answers message posts. */
  setChannel(channelId: string, behaviour: ChannelBehaviour): void {
    this.channels.set(channelId, behaviour);
  }

  /** Requests whose method and path match. */
  find(method: string, pathPattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && pathPattern.test(r.path));
  }

  /** Resolves once `count` requests match (or rejects after `timeoutMs`, with what was received). */
  async waitFor(
    method: string,
    pathPattern: RegExp,
    count = 1,
    timeoutMs = 10_000,
  ): Promise<RecordedRequest[]> {
    const done = () => this.find(method, pathPattern).length >= count;
    if (done()) return this.find(method, pathPattern);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('request', check);
        const seen = this.requests.map((r) => `${r.method} ${r.path}`).join(', ');
        reject(new Error(`timed out waiting for ${count}× ${method} ${pathPattern}; saw: ${seen}`));
      }, timeoutMs);
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.off('request', check);
        resolve(this.find(method, pathPattern));
      };
      this.on('request', check);
    });
  }

  /** Resolves with the first defined value of `probe`, re-checked on every request received (rejects after `timeoutMs`). */
  async waitUntil<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
    const first = probe();
    if (first !== undefined) return first;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('request', check);
        const seen = this.requests.map((r) => `${r.method} ${r.path}`).join(', ');
        reject(new Error(`timed out waiting for ${what}; saw: ${seen}`));
      }, timeoutMs);
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        clearTimeout(timer);
        this.off('request', check);
        resolve(value);
      };
      this.on('request', check);
    });
  }

  /** Sends a gateway dispatch (op 0) to every connected client. */
  dispatch(event: string, data: unknown): void {
    this.sequence += 1;
    const payload = JSON.stringify({ op: 0, t: event, s: this.sequence, d: data });
    for (const socket of this.gateway.clients) if (socket.readyState === WebSocket.OPEN) socket.send(payload);
  }

  /** Closes every connection and the server. */
  async close(): Promise<void> {
    for (const socket of this.gateway.clients) socket.terminate();
    await new Promise<void>((resolve) => this.gateway.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onGateway(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 } }));
    socket.on('message', (raw) => {
      const payload = JSON.parse(raw.toString()) as { op: number; d: unknown };
      if (payload.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (payload.op === 2) {
        this.identifies.push(payload.d);
        this.sequence += 1;
        const ready = {
          v: 10,
          user: FAKE_BOT,
          guilds: this.guilds.map((id) => ({ id, unavailable: true })),
          session_id: 'fake-session',
          resume_gateway_url: `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/gateway`,
          application: { id: FAKE_APPLICATION_ID, flags: 0 },
          shard: [0, 1],
        };
        socket.send(JSON.stringify({ op: 0, t: 'READY', s: this.sequence, d: ready }));
        for (const id of this.guilds) {
          this.sequence += 1;
          socket.send(JSON.stringify({ op: 0, t: 'GUILD_CREATE', s: this.sequence, d: guildPayload(id) }));
        }
      }
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const method = req.method ?? 'GET';
    let body: unknown = null;
    if (text) body = (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : text;
    const recorded = { method, path, query: url.search, body, authorization: req.headers.authorization };
    this.requests.push(recorded);
    this.emit('request', recorded);
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      const type: Record<string, string> =
        payload === undefined ? {} : { 'content-type': 'application/json' };
      res.writeHead(status, { ...type, ...headers });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    const port = (this.server.address() as AddressInfo).port;
    const messageBody = (body ?? {}) as Record<string, unknown>;
    if (method === 'GET' && path === '/gateway/bot') {
      return send(200, {
        url: `ws://127.0.0.1:${port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return send(204);
    if (/^\/webhooks\/\d+\/[^/]+(\/messages\/@original)?$/.test(path)) {
      if (method === 'DELETE') return send(204);
      return send(200, fakeMessage('0', messageBody));
    }
    const channel = path.match(/^\/channels\/(\d+)\/messages$/);
    if (channel && method === 'POST') return this.channelPost(channel[1] as string, messageBody, send);
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const list = Array.isArray(body) ? body : [];
      return send(
        200,
        list.map((c) => ({ ...c, id: fakeId(), application_id: FAKE_APPLICATION_ID, version: fakeId() })),
      );
    }
    send(404, { message: 'Unknown route', code: 0 });
  }

  private channelPost(
    channelId: string,
    body: Record<string, unknown>,
    send: (status: number, payload?: unknown, headers?: Record<string, string>) => void,
  ): void {
    const behaviour = this.channels.get(channelId) ?? { kind: 'ok' };
    if (behaviour.kind === 'forbidden') {
      send(403, { message: 'Missing Access', code: 50001 });
      return;
    }
    if (behaviour.kind === 'missing') {
      send(404, { message: 'Unknown Channel', code: 10003 });
      return;
    }
    if (behaviour.kind === 'rate-limited') {
      const now = Date.now();
      const until = this.limitedUntil.get(channelId) ?? now + behaviour.retryAfterSeconds * 1000;
      if (!this.limitedUntil.has(channelId)) this.limitedUntil.set(channelId, until);
      if (now < until) {
        const retryAfter = Math.max(0.001, (until - now) / 1000);
        send(
          429,
          { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
          {
            'retry-after': String(Math.ceil(retryAfter)),
            'x-ratelimit-limit': '5',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset-after': retryAfter.toFixed(3),
            'x-ratelimit-bucket': `bucket-${channelId}`,
            'x-ratelimit-scope': 'user',
          },
        );
        return;
      }
    }
    send(200, fakeMessage(channelId, body), {
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '4',
      'x-ratelimit-reset-after': '1',
      'x-ratelimit-bucket': `bucket-${channelId}`,
    });
  }
}

/** A GUILD_CREATE payload for a guild the bot is in (or was just added to). */
export function guildPayload(id: string, name = 'Team') {
  return {
    id,
    name,
    unavailable: false,
    channels: [],
    roles: [],
    members: [],
    emojis: [],
    stickers: [],
    features: [],
    owner_id: '1',
    member_count: 1,
  };
}

/** Builds a guild slash-command interaction payload (INTERACTION_CREATE, type 2 or 4 for autocomplete). */
export function commandInteraction(options: {
  name: string;
  options?: { name: string; type: number; value: string | number | boolean; focused?: boolean }[];
  guildId?: string;
  channelId?: string;
  permissions?: bigint;
  autocomplete?: boolean;
}) {
  const guildId = options.guildId ?? '300000000000000001';
  const channelId = options.channelId ?? '300000000000000002';
  const user = {
    id: '300000000000000003',
    username: 'reader',
    discriminator: '0',
    global_name: 'Reader',
    avatar: null,
  };
  return {
    id: fakeId(),
    application_id: FAKE_APPLICATION_ID,
    type: options.autocomplete ? 4 : 2,
    token: `token-${fakeId()}`,
    version: 1,
    guild_id: guildId,
    channel_id: channelId,
    channel: { id: channelId, type: 0, guild_id: guildId, name: 'news' },
    member: {
      user,
      roles: [],
      permissions: (options.permissions ?? 0n).toString(),
      joined_at: new Date(0).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
    },
    data: { id: fakeId(), name: options.name, type: 1, options: options.options ?? [] },
    app_permissions: '0',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guildId },
    context: 0,
  };
}
