import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The embedded default configuration, used when no `--config` is given. */
export const DEFAULT_CONFIG_FILE = resolve(ROOT, 'config/default.yaml');

const feedUrl = z.string().refine(
  (value) => {
    if (/^https?:\/\//i.test(value)) return URL.canParse(value);
    // Operator-trusted config may name a local file, either as a path or a file: URL.
    return /^file:/i.test(value) || !/^[a-z][a-z0-9+.-]*:/i.test(value);
  },
  { message: 'expected an http(s) URL or a file path' },
);

const feedSchema = z.object({
  url: feedUrl,
  name: z.string().min(1).optional(),
  language: z.string().min(2).optional(),
});

const timezone = z.string().refine(
  (value) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected an IANA timezone such as Europe/Berlin or UTC' },
);

const scheduleSchema = z.object({
  channel: z.string().min(1),
  cron: z.string().min(1),
  /** Defaults to the top-level `timezone`. */
  timezone: timezone.optional(),
});

const secret = z.string().min(1).optional();

/** The whole configuration: file values and environment overrides, validated by one schema. */
export const configSchema = z.object({
  database: z
    .object({
      path: z.string().min(1).default('./data/briefwire.db'),
      url: z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
        .optional(),
      /** Postgres schema for briefwire's tables (pg-boss uses `<schema>_boss`); default the search_path. */
      schema: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]{0,40}$/, 'expected letters, digits and _')
        .optional(),
    })
    .default({ path: './data/briefwire.db' }),
  feeds: z.array(feedSchema).default([]),
  poll: z
    .object({
      intervalSeconds: z.number().int().min(1).default(900),
      /** Allows an interval under 10 s: for tests and benchmarks against local servers, never for real feeds. */
      allowShortInterval: z.boolean().default(false),
      maxFailures: z.number().int().min(1).default(10),
      backfill: z.number().int().min(0).default(0),
      concurrency: z.number().int().min(1).default(8),
      perHostConcurrency: z.number().int().min(1).default(2),
      maxBodyBytes: z
        .number()
        .int()
        .min(1024)
        .default(10 * 1024 * 1024),
    })
    .refine((poll) => poll.intervalSeconds >= 10 || poll.allowShortInterval, {
      message: 'must be at least 10 (set poll.allowShortInterval for tests against local servers)',
      path: ['intervalSeconds'],
    })
    .default({
      intervalSeconds: 900,
      allowShortInterval: false,
      maxFailures: 10,
      backfill: 0,
      concurrency: 8,
      perHostConcurrency: 2,
      maxBodyBytes: 10 * 1024 * 1024,
    }),
  /** Article text and extraction rows older than this many days are pruned (0 keeps everything). */
  retention: z.object({ days: z.number().int().min(0).default(90) }).default({ days: 90 }),
  /** Schedules without their own timezone, and `/schedule set` without one, use this. */
  timezone: timezone.default('UTC'),
  schedules: z.array(scheduleSchema).default([]),
  http: z
    .object({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(3000),
    })
    .default({ host: '127.0.0.1', port: 3000 }),
  /** Who sees answers to queries: the channel (`public`) or only the caller; errors and refusals are always private. */
  chat: z.object({ answers: z.enum(['public', 'private']).default('public') }).default({ answers: 'public' }),
  log: z
    .object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
    .default({ level: 'info' }),
  discord: z
    .object({ token: secret, applicationId: z.string().optional(), apiUrl: z.url().optional() })
    .default({}),
  slack: z
    .object({
      botToken: secret,
      signingSecret: secret,
      appToken: secret,
      apiUrl: z.url().optional(),
      /** Slack user ids allowed to manage feeds and schedules besides workspace admins and owners. */
      managers: z
        .array(z.string().regex(/^[UW][A-Z0-9]+$/, 'expected a Slack user id such as U012ABCDEF'))
        .default([]),
    })
    .default({ managers: [] }),
});

/** A validated configuration. */
export type Config = z.infer<typeof configSchema>;

/** Every problem found in a configuration, each with its path, reported at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Environment variable → config path. Secrets come only from here, never from a file. */
const ENV_MAP: Record<string, { path: string[]; kind: 'string' | 'int' }> = {
  LOG_LEVEL: { path: ['log', 'level'], kind: 'string' },
  BRIEFWIRE_DB: { path: ['database', 'path'], kind: 'string' },
  DATABASE_URL: { path: ['database', 'url'], kind: 'string' },
  BRIEFWIRE_TIMEZONE: { path: ['timezone'], kind: 'string' },
  BRIEFWIRE_HTTP_HOST: { path: ['http', 'host'], kind: 'string' },
  BRIEFWIRE_HTTP_PORT: { path: ['http', 'port'], kind: 'int' },
  DISCORD_TOKEN: { path: ['discord', 'token'], kind: 'string' },
  DISCORD_APPLICATION_ID: { path: ['discord', 'applicationId'], kind: 'string' },
  DISCORD_API_URL: { path: ['discord', 'apiUrl'], kind: 'string' },
  SLACK_BOT_TOKEN: { path: ['slack', 'botToken'], kind: 'string' },
  SLACK_SIGNING_SECRET: { path: ['slack', 'signingSecret'], kind: 'string' },
  SLACK_APP_TOKEN: { path: ['slack', 'appToken'], kind: 'string' },
  SLACK_API_URL: { path: ['slack', 'apiUrl'], kind: 'string' },
};

/** The names of every environment variable briefwire reads. */
export const ENV_VARIABLES = Object.keys(ENV_MAP);

const SECRET_KEYS = new Set(['token', 'botToken', 'signingSecret', 'appToken']);

type Tree = Record<string, unknown>;

function setPath(tree: Tree, path: string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = typeof next === 'object' && next !== null ? next : {};
    node = node[key] as Tree;
  }
  node[path[path.length - 1] as string] = value;
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

function findSecretsInFile(tree: Tree, problems: string[]): void {
  for (const section of ['discord', 'slack']) {
    const value = tree[section];
    if (typeof value !== 'object' || value === null) continue;
    for (const key of Object.keys(value)) {
      if (SECRET_KEYS.has(key))
        problems.push(`${section}.${key}: secrets come from the environment, not a file`);
    }
  }
  const db = tree.database as Tree | undefined;
  if (typeof db?.url === 'string' && /:\/\/[^/@]*:[^/@]+@/.test(db.url)) {
    problems.push('database.url: a password belongs in DATABASE_URL, not in a file');
  }
}

/** Options for {@link loadConfig}. */
export interface LoadConfigOptions {
  file?: string;
  env?: Record<string, string | undefined>;
}

/** Reads the YAML file (default: config/default.yaml), applies the environment and validates it all at once. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const file = options.file ?? DEFAULT_CONFIG_FILE;
  const env = options.env ?? process.env;
  const problems: string[] = [];
  let tree: Tree = {};
  try {
    const parsed: unknown = parseYaml(readFileSync(file, 'utf8'));
    if (parsed === null || parsed === undefined) tree = {};
    else if (typeof parsed === 'object' && !Array.isArray(parsed)) tree = parsed as Tree;
    else problems.push(`${file}: expected a mapping at the top level`);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError([`${file}: ${reason.split('\n')[0]}`]);
  }
  findSecretsInFile(tree, problems);
  for (const [name, { path, kind }] of Object.entries(ENV_MAP)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (kind === 'int') {
      const value = Number(raw);
      if (!Number.isInteger(value)) problems.push(`${name}: expected an integer, got "${raw}"`);
      else setPath(tree, path, value);
    } else setPath(tree, path, raw);
  }
  const result = configSchema.safeParse(tree);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`${formatPath(issue.path)}: ${issue.message}`);
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}

/** A copy of the configuration with every secret replaced by `***`, for printing. */
export function maskSecrets(config: Config): Config {
  const mask = (value: string | undefined) => (value ? '***' : undefined);
  return {
    ...config,
    database: { ...config.database, url: config.database.url?.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@') },
    discord: { ...config.discord, token: mask(config.discord.token) },
    slack: {
      ...config.slack,
      botToken: mask(config.slack.botToken),
      signingSecret: mask(config.slack.signingSecret),
      appToken: mask(config.slack.appToken),
    },
  };
}

/** Every secret value in the configuration, so the logger can redact them wherever they appear. */
export function secretValues(config: Config): string[] {
  const { discord, slack, database } = config;
  const password = database.url?.match(/\/\/[^:@/]+:([^@/]+)@/)?.[1];
  return [discord.token, slack.botToken, slack.signingSecret, slack.appToken, password].filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
}

/** Whether to colour output on this stream: only on a TTY, and never when `NO_COLOR` is set. */
export function colorEnabled(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined> = process.env,
): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}
