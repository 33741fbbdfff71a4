import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request for a feed: when it arrived. */
export interface FeedHit {
  feed: number;
  at: number;
}

/**
 * A local server on 127.0.0.1 serving `count` RSS feeds at /feed/N.xml. Each feed carries every item added so
 * far (one per {@link addRound}); the server counts requests per feed and the most requests ever in flight
 * per Host header at once.
 */
export class FeedServer {
  readonly hits: FeedHit[] = [];
  private rounds = 1;
  private readonly inFlight = new Map<string, number>();
  /** The most concurrent requests seen per Host header. */
  readonly maxInFlight = new Map<string, number>();
  private readonly server: Server;

  constructor(
    readonly count: number,
    /** Milliseconds each response waits before it is sent (so polls overlap and kills land mid-fetch). */
    public delayMs = 0,
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  /** Starts listening on a free port of 127.0.0.1. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The feed URL for feed n. */
  url(n: number): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/feed/${n}.xml`;
  }

  /** Every feed gets one more item. */
  addRound(): void {
    this.rounds++;
  }

  /** The title of item `round` of feed `n`: unique across the server, so a post names its item. */
  static title(n: number, round: number): string {
    return `Bridge works item ${round} of feed ${n}`;
  }

  /** The titles of rounds `from`..`to` of feeds 0..count-1. */
  static titles(count: number, from: number, to: number): string[] {
    const out: string[] = [];
    for (let n = 0; n < count; n++) for (let r = from; r <= to; r++) out.push(FeedServer.title(n, r));
    return out;
  }

  /** Requests per feed. */
  counts(): number[] {
    const counts = new Array<number>(this.count).fill(0);
    for (const hit of this.hits) counts[hit.feed] = (counts[hit.feed] ?? 0) + 1;
    return counts;
  }

  private body(n: number): string {
    const items: string[] = [];
    for (let r = this.rounds; r >= 1; r--) {
      const text = `Council member Ada Quill ${n} said the bridge over the river would reopen in week ${r}. "We expect ${r * 10} crews on site by Friday," said Quill, adding that costs rose 12 percent.`;
      items.push(
        `<item><title>${FeedServer.title(n, r)}</title><guid isPermaLink="false">feed-${n}-item-${r}</guid><pubDate>${new Date(Date.UTC(2026, 0, 1, 0, r)).toUTCString()}</pubDate><description>${text}</description></item>`,
      );
    }
    return `<?xml version="1.0"?><rss version="2.0"><channel><title>Local feed ${n}</title><language>en</language>${items.join('')}</channel></rss>`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
    const n = match ? Number(match[1]) : -1;
    if (n < 0 || n >= this.count) {
      res.writeHead(404).end();
      return;
    }
    const host = req.headers.host ?? '';
    const now = (this.inFlight.get(host) ?? 0) + 1;
    this.inFlight.set(host, now);
    this.maxInFlight.set(host, Math.max(now, this.maxInFlight.get(host) ?? 0));
    this.hits.push({ feed: n, at: Date.now() });
    try {
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(this.body(n));
    } finally {
      this.inFlight.set(host, (this.inFlight.get(host) ?? 1) - 1);
    }
  }

  /** Closes the server. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
