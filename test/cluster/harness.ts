import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { stringify } from 'yaml';
import { ROOT } from '../helpers/cli.ts';

/** The test database, or undefined when the Postgres tests are to be skipped. */
export const PG_URL = process.env.BRIEFWIRE_TEST_PG_URL;

/** A fresh schema name per test (pg-boss gets `<name>_boss`). */
export function schemaName(label: string): string {
  return `bw_${label}_${process.pid}_${Date.now().toString(36)}`;
}

/** Drops a test's schemas, briefwire's and pg-boss's. */
export async function dropSchemas(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_boss" CASCADE`);
  } finally {
    await client.end();
  }
}

/** The environment of a Postgres bot posting to a Slack stand-in. */
export function slackBotEnv(databaseUrl: string, slackApiUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 'test-secret',
    SLACK_API_URL: slackApiUrl,
  };
}

/** Writes a config file for a cluster test and returns its path. */
export function writeConfig(config: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bw-cluster-'));
  const file = join(dir, 'briefwire.yaml');
  writeFileSync(file, stringify(config));
  return file;
}

const live = new Set<ChildProcess>();

/** SIGKILLs every process this harness started that is still running (also those whose start failed). */
export async function killAll(): Promise<void> {
  const waits = [...live].map(
    (child) =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(waits);
}

/** A briefwire process started through the real CLI. */
export interface Member {
  role: string;
  child: ChildProcess;
  /** Structured log lines so far (stdout and stderr). */
  logs(): Record<string, unknown>[];
  /** Raw output, for failure messages. */
  output(): string;
  port: number;
  exited: Promise<number | null>;
}

/** Polls until `probe` returns a value, or fails with `what` after `limitMs`. */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  limitMs = 60_000,
): Promise<T> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Starts `briefwire start --role ROLE --config FILE` and resolves once it logged that it started. */
export async function startMember(
  role: 'all' | 'bot' | 'worker',
  config: string,
  env: Record<string, string> = {},
): Promise<Member> {
  const child = spawn(
    process.execPath,
    [resolve(ROOT, 'bin/briefwire.js'), 'start', '--role', role, '--config', config],
    {
      cwd: ROOT,
      env: { ...process.env, BRIEFWIRE_HTTP_PORT: '0', LOG_LEVEL: 'info', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout?.on('data', (d) => {
    text += d;
  });
  child.stderr?.on('data', (d) => {
    text += d;
  });
  live.add(child);
  const exited = new Promise<number | null>((r) =>
    child.on('exit', (code) => {
      live.delete(child);
      r(code);
    }),
  );
  const logs = () =>
    text
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          return {};
        }
      });
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const port = await waitFor(() => {
    if (done) throw new Error(`briefwire --role ${role} exited early:\n${text.slice(-3000)}`);
    if (!logs().some((l) => l.msg === 'briefwire started')) return undefined;
    return logs().find((l) => String(l.msg).startsWith('http server listening'))?.port as number | undefined;
  }, `briefwire --role ${role} to start`);
  return { role, child, logs, output: () => text, port, exited };
}

/** Stops a member with SIGTERM (or SIGKILL) and waits for it to exit. */
export async function stopMember(member: Member, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (member.child.exitCode === null && member.child.signalCode === null) member.child.kill(signal);
  return member.exited;
}
