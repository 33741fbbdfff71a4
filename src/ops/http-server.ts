import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../log.ts';
import type { Metrics } from './metrics.ts';

/** A request handler that may claim a request (returns true) or leave it to the next one. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** Options for {@link createHttpServer}. */
export interface HttpServerOptions {
  metrics: Metrics;
  /** Whether the service is healthy, and why not. */
  health: () => Promise<{ ok: boolean; checks: Record<string, boolean | string> }>;
  logger: Logger;
}

/** The one HTTP server: /healthz, /metrics, plus routes other parts mount (Slack's /slack/events). */
export interface HttpServer {
  server: Server;
  /** Adds a handler tried before the built-in routes. */
  use(handler: RouteHandler): void;
  listen(host: string, port: number): Promise<{ host: string; port: number }>;
  close(): Promise<void>;
}

/** Creates the HTTP server; nothing listens until {@link HttpServer.listen}. */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const handlers: RouteHandler[] = [];
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      options.logger.error({ err: error, url: req.url }, 'http handler failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const handler of handlers) if (await handler(req, res)) return;
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      const health = await options.health();
      res.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify({ status: health.ok ? 'ok' : 'unhealthy', ...health.checks })}\n`);
      return;
    }
    if (req.method === 'GET' && path === '/metrics') {
      res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
      res.end(await options.metrics.registry.metrics());
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  }

  return {
    server,
    use: (handler) => {
      handlers.push(handler);
    },
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          resolve({ host, port: typeof address === 'object' && address ? address.port : port });
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
