import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app/app.ts';
import { TERMINAL_CHANNEL } from '../../src/chat/terminal/adapter.ts';
import { configSchema } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import type { SubscriptionMode } from '../../src/store/port.ts';
import { type LocalServer, startServer } from '../feeds/server.ts';

const item = (n: number) =>
  `<item><guid>story-${n}</guid><title>Harbour story number ${n}</title><description>&lt;p&gt;The port authority said ${n * 10} ships had docked this week, according to the harbour master.&lt;/p&gt;</description></item>`;
const feed = (count: number) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Wire</title>${Array.from({ length: count }, (_, i) => item(i + 1)).join('')}</channel></rss>`;

async function until(probe: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Issue 4: `each` posts every new article once as it arrives; `digest` waits for the scheduled briefing. */
describe('subscription modes, through the running app', { timeout: 60_000 }, () => {
  let server: LocalServer | undefined;
  let app: RunningApp | undefined;
  afterEach(async () => {
    await app?.stop();
    await server?.close();
  });

  async function run(mode: SubscriptionMode) {
    let items = 2;
    let fetches = 0;
    server = await startServer((_req, res) => {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(feed(items));
    });
    let printed = '';
    const output = new PassThrough();
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
    });
    const config = configSchema.parse({
      feeds: [{ url: `${server.url}/harbour.xml`, name: 'Harbour Wire' }],
      poll: { intervalSeconds: 1, allowShortInterval: true },
      http: { host: '127.0.0.1', port: 0 },
    });
    const started = await startApp({
      config,
      logger: silentLogger,
      dbPath: ':memory:',
      terminal: { input: new PassThrough(), output },
      exitOnStop: false,
      pollTickMs: 50,
    });
    app = started;
    const [stored] = await started.store.listFeeds();
    if (!stored) throw new Error('no feed');
    await started.store.subscribe({ channel: TERMINAL_CHANNEL, feedId: stored.id, mode });
    await started.poller.firstTick;
    await until(() => /stories? from/.test(printed), 'the first briefing');
    const afterFirst = printed.length;
    items = 3;
    const seen = fetches;
    // Wait (not measure) for three more fetches: the new item arrives, then two polls with nothing new.
    await until(() => fetches >= seen + 3, 'three more polls');
    return { app: started, since: () => printed.slice(afterFirst) };
  }

  it('given mode each, then the new article is posted once and the primed ones never', async () => {
    const { since } = await run('each');
    await until(() => since().includes('Harbour story number 3'), 'the new article');
    // One post: one heading (its figures may quote the title again).
    expect(since().match(/▸ Harbour story number 3/g)).toHaveLength(1);
    expect(since()).not.toContain('Harbour story number 1');
  });

  it('given mode digest, then nothing is posted until the schedule fires, and then the digest holds the new article', async () => {
    const { app: running, since } = await run('digest');
    expect(since()).not.toContain('Harbour story number 3');
    const schedule = await running.store.upsertSchedule({
      channel: TERMINAL_CHANNEL,
      cron: '0 8 * * *',
      timezone: 'UTC',
    });
    expect(await running.scheduler.fire(schedule, new Date())).toBe('posted');
    expect(since()).toContain('Harbour story number 3');
  });
});
