import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app/app.ts';
import { TERMINAL_CHANNEL } from '../../src/chat/terminal/adapter.ts';
import { configSchema } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { type LocalServer, startServer } from '../feeds/server.ts';

/** Issue 4: a feed the poller disables is announced in every channel subscribed to it, once. */
describe('feed-disabled, through the running app', { timeout: 60_000 }, () => {
  let server: LocalServer;
  let app: RunningApp;
  let printed = '';
  const output = new PassThrough();
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });

  beforeAll(async () => {
    server = await startServer((_req, res) => {
      res.writeHead(500);
      res.end('down');
    });
    const config = configSchema.parse({
      feeds: [{ url: `${server.url}/broken.xml`, name: 'Broken Wire' }],
      poll: { intervalSeconds: 1, allowShortInterval: true, maxFailures: 2 },
      http: { host: '127.0.0.1', port: 0 },
      log: { level: 'silent' },
    });
    app = await startApp({
      config,
      logger: silentLogger,
      dbPath: ':memory:',
      terminal: { input: new PassThrough(), output },
      exitOnStop: false,
      pollTickMs: 50,
    });
    const [feed] = await app.store.listFeeds();
    if (!feed) throw new Error('the config feed was not stored');
    await app.store.subscribe({ channel: TERMINAL_CHANNEL, feedId: feed.id, mode: 'digest' });
  });

  afterAll(async () => {
    await app?.stop();
    await server?.close();
  });

  it('given a feed failing twice with maxFailures 2, then it is disabled and the subscribed channel is told how to re-enable it', async () => {
    const deadline = Date.now() + 30_000;
    while (!printed.includes('is disabled') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(printed).toMatch(/The feed Broken Wire failed 2 times in a row \(HTTP 500[^)]*\) and is disabled/);
    expect(printed).toMatch(/Use \/feeds enable \d+ to try it again/);
    const [feed] = await app.store.listFeeds();
    expect(feed?.disabled).toBe(true);
    // A disabled feed is not fetched again, so the notice is posted once.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(printed.match(/is disabled/g)).toHaveLength(1);
  });
});
