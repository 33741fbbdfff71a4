import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { ROOT } from '../helpers/cli.ts';

interface Started {
  child: ChildProcess;
  stdout: () => string;
  logs: () => Record<string, unknown>[];
  port: number;
  exited: Promise<number | null>;
}

async function waitFor<T>(probe: () => T | undefined, what: string, limitMs = 90_000): Promise<T> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function startBot(): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), 'bw-start-'));
  const child = spawn(
    process.execPath,
    [resolve(ROOT, 'bin/briefwire.js'), 'start', '--db', join(dir, 'bw.db')],
    {
      cwd: ROOT,
      env: { ...process.env, BRIEFWIRE_HTTP_PORT: '0', LOG_LEVEL: 'info', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const logs = () =>
    err
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const port = await waitFor(
    () =>
      logs().find((l) => l.msg?.toString().startsWith('http server listening'))?.port as number | undefined,
    'the http server',
  );
  return { child, stdout: () => out, logs, port, exited };
}

describe('briefwire start (embedded default, terminal chat)', { timeout: 240_000 }, () => {
  let bot: Started | undefined;
  afterEach(() => {
    bot?.child.kill('SIGKILL');
  });

  it('given no tokens, then it polls the bundled samples, shows a briefing, and serves health and metrics', async () => {
    bot = await startBot();
    const started = bot;
    await waitFor(
      () => (/\d+ stories? from \d+ articles?/.test(started.stdout()) ? true : undefined),
      'the first briefing',
    );
    expect(started.stdout()).toContain('briefwire sample');
    const health = await fetch(`http://127.0.0.1:${started.port}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${started.port}/metrics`)).text();
    for (const name of [
      'briefwire_feed_fetch_total',
      'briefwire_items_ingested_total',
      'briefwire_extract_seconds',
      'briefwire_command_seconds',
      'briefwire_posts_total',
      'briefwire_feeds_disabled',
      'process_cpu_user_seconds_total',
    ])
      expect(metrics).toContain(name);
    // The first briefing comes after the whole first round: every bundled sample was fetched once.
    const samples = loadConfig({ env: {} }).feeds.length;
    expect(metrics).toMatch(new RegExp(`briefwire_feed_fetch_total\\{result="ok"\\} ${samples}\\n`));

    started.child.stdin?.write('/who-said Osei\n');
    await waitFor(
      () =>
        /Hamid Osei/.test(started.stdout().split('/who-said')[1] ?? started.stdout().slice(-2000))
          ? true
          : undefined,
      'the /who-said answer',
    );
  });

  it('given SIGTERM, then it closes poller, chat, http, scheduler and database in that order and exits 0', async () => {
    bot = await startBot();
    const started = bot;
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    const steps = started
      .logs()
      .filter((l) => l.msg === 'closed')
      .map((l) => l.step);
    expect(steps).toEqual(['poller', 'terminal', 'http', 'scheduler', 'store']);
  });
});
