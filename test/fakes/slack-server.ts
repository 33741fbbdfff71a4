import { createHmac } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** One request the stand-in received: a Web API call or a `response_url` post. */
export interface RecordedSlackCall {
  /** Web API method (`chat.postMessage`) or `response_url`. */
  method: string;
  /** The request path, so a test tells apart the `response_url`s of several commands. */
  path: string;
  body: Record<string, unknown>;
}

/** How `chat.postMessage` answers for a channel. */
export type SlackChannelBehaviour =
  | { kind: 'ok' }
  | { kind: 'error'; error: string }
  /** HTTP 429 with `Retry-After` seconds, refusing every call until that time has passed (as Slack does). */
  | { kind: 'rate-limited'; retryAfterSeconds: number };

function parseBody(text: string, type: string): Record<string, unknown> {
  if (!text) return {};
  if (type.includes('json')) return JSON.parse(text) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    // WebClient sends nested values (blocks) JSON-encoded inside the form.
    out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return out;
}

/**
 * A local Slack Web API stand-in on 127.0.0.1 (`SLACK_API_URL`), a `response_url` target and a Socket Mode
 * WebSocket. It records what would have been sent so tests assert on it.
 */
export class FakeSlack extends EventEmitter {
  readonly calls: RecordedSlackCall[] = [];
  /** Socket Mode acknowledgements received, by envelope id. */
  readonly acks: { envelope_id: string; payload?: unknown }[] = [];
  readonly admins = new Set<string>();
  private readonly channels = new Map<string, SlackChannelBehaviour>();
  private readonly limitedUntil = new Map<string, number>();
  private readonly server: Server;
  private readonly sockets: WebSocketServer;

  constructor() {
    super();
    this.server = createServer((req, res) => void this.handle(req, res));
    this.sockets = new WebSocketServer({ server: this.server, path: '/socket' });
    this.sockets.on('connection', (socket) => {
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
      socket.on('message', (raw) => {
        const message = JSON.parse(raw.toString()) as { envelope_id: string; payload?: unknown };
        this.acks.push(message);
        this.emit('call');
      });
    });
  }

  /** Starts listening on 127.0.0.1 on a free port. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  private get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The Web API base to give WebClient (`SLACK_API_URL`). */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A `response_url` for a slash command, pointing at this stand-in. */
  get responseUrl(): string {
    return this.responseUrlFor('1');
  }

  /** A `response_url` of its own for one command, so its answers can be told apart from the others'. */
  responseUrlFor(id: string): string {
    return `${this.base}/respond/${encodeURIComponent(id)}`;
  }

  /** The `response_url` posts made to {@link responseUrlFor}(id). */
  responses(id: string): RecordedSlackCall[] {
    return this.calls.filter((c) => c.path === `/respond/${encodeURIComponent(id)}`);
  }

  /** Sets how a channel answers `chat.postMessage`. */
  setChannel(channel: string, behaviour: SlackChannelBehaviour): void {
    this.channels.set(channel, behaviour);
  }

  /** Calls of one method. */
  find(method: string): RecordedSlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once `count` calls of `method` arrived (`ack` counts Socket Mode acknowledgements). */
  async waitFor(method: string, count = 1, timeoutMs = 10_000): Promise<RecordedSlackCall[]> {
    const seen = () => (method === 'ack' ? this.acks.length : this.find(method).length);
    if (seen() >= count) return this.find(method);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('call', check);
        reject(
          new Error(`timed out waiting for ${count}× ${method}; saw ${this.calls.map((c) => c.method)}`),
        );
      }, timeoutMs);
      const check = () => {
        if (seen() < count) return;
        clearTimeout(timer);
        this.off('call', check);
        resolve(this.find(method));
      };
      this.on('call', check);
    });
  }

  /** Resolves with the first defined value of `probe`, re-checked on every call received (rejects after `timeoutMs`). */
  async waitUntil<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
    const first = probe();
    if (first !== undefined) return first;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('call', check);
        reject(new Error(`timed out waiting for ${what}; saw ${this.calls.map((c) => c.path)}`));
      }, timeoutMs);
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        clearTimeout(timer);
        this.off('call', check);
        resolve(value);
      };
      this.on('call', check);
    });
  }

  /** Sends a Socket Mode envelope (e.g. `slash_commands`) to every connected client. */
  sendEnvelope(envelopeId: string, type: string, payload: unknown): void {
    const message = JSON.stringify({
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: true,
    });
    for (const socket of this.sockets.clients) if (socket.readyState === WebSocket.OPEN) socket.send(message);
  }

  /** Whether a Socket Mode client is connected. */
  get socketConnected(): boolean {
    return this.sockets.clients.size > 0;
  }

  /** Closes every connection and the server. */
  async close(): Promise<void> {
    for (const socket of this.sockets.clients) socket.terminate();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type'] ?? '');
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const method = path.startsWith('/respond/') ? 'response_url' : path.replace(/^\/api\//, '');
    this.calls.push({ method, path, body });
    this.emit('call');
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    switch (method) {
      case 'response_url':
        return send(200, { ok: true });
      case 'auth.test':
        return send(200, {
          ok: true,
          user_id: 'UBOT',
          bot_id: 'BBOT',
          team_id: 'T1',
          team: 'Team',
          user: 'bot',
        });
      case 'users.info': {
        const id = String(body.user);
        return send(200, { ok: true, user: { id, is_admin: this.admins.has(id), is_owner: false } });
      }
      case 'apps.connections.open':
        return send(200, {
          ok: true,
          url: `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/socket`,
        });
      case 'chat.postMessage':
        return this.postMessage(String(body.channel), send);
      default:
        return send(200, { ok: false, error: 'unknown_method' });
    }
  }

  private postMessage(
    channel: string,
    send: (s: number, p: unknown, h?: Record<string, string>) => void,
  ): void {
    const behaviour = this.channels.get(channel) ?? { kind: 'ok' };
    if (behaviour.kind === 'error') {
      send(200, { ok: false, error: behaviour.error });
      return;
    }
    if (behaviour.kind === 'rate-limited') {
      const now = Date.now();
      const until = this.limitedUntil.get(channel) ?? now + behaviour.retryAfterSeconds * 1000;
      this.limitedUntil.set(channel, until);
      if (now < until) {
        send(
          429,
          { ok: false, error: 'ratelimited' },
          { 'retry-after': String(behaviour.retryAfterSeconds) },
        );
        return;
      }
    }
    send(200, { ok: true, channel, ts: `${Date.now() / 1000}` });
  }
}

/** A slash-command request body and headers signed the way Slack signs them (v0 HMAC-SHA256). */
export function signedSlashCommand(
  secret: string,
  fields: Record<string, string>,
  options: { timestamp?: number; forge?: boolean } = {},
): { body: string; headers: Record<string, string> } {
  return signed(secret, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

/** An Events API delivery (`event_callback` of `event` from team `team`), signed as Slack signs it. */
export function signedEvent(
  secret: string,
  team: string,
  event: Record<string, unknown>,
): { body: string; headers: Record<string, string> } {
  const id = `Ev${Math.random().toString(36).slice(2)}`;
  const payload = {
    token: 'verification-token',
    team_id: team,
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: id,
    event_time: Math.floor(Date.now() / 1000),
    event,
  };
  return signed(secret, JSON.stringify(payload), 'application/json', {});
}

function signed(
  secret: string,
  body: string,
  contentType: string,
  options: { timestamp?: number; forge?: boolean },
): { body: string; headers: Record<string, string> } {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const key = options.forge ? `${secret}-forged` : secret;
  const signature = `v0=${createHmac('sha256', key).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
  };
}
