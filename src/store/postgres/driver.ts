import pg from 'pg';
import type {
  Migration,
  SearchTable,
  SqlDriver,
  SqlExecutor,
  SqlStatement,
  SqlValue,
} from '../sql/driver.ts';
import { POSTGRES_MIGRATIONS, SEARCH_CONFIG_NAME } from './migrations.ts';

/** Connection options for {@link PostgresDriver}. */
export interface PostgresOptions {
  url: string;
  /** Work inside this schema (created by the first migration); tests use one fresh schema each. */
  schema?: string;
  /** Pool size. */
  max?: number;
}

// Lower case only: search_path folds unquoted names to lower case, so "Test" would name another schema.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Rewrites `?` placeholders to `$1, $2, …`; the shared SQL never uses `?` for anything else. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const MAX_PARAMS = 30_000;

/**
 * Folds independent statements into as few as possible: `WITH s0 AS (a), s1 AS (b) c` runs a, b and c in one
 * round trip on one snapshot, which is why callers may only batch statements that do not see each other.
 */
function cteGroups(statements: SqlStatement[]): SqlStatement[] {
  const groups: SqlStatement[][] = [];
  let current: SqlStatement[] = [];
  let count = 0;
  for (const statement of statements) {
    if (current.length > 0 && count + statement.params.length > MAX_PARAMS) {
      groups.push(current);
      current = [];
      count = 0;
    }
    current.push(statement);
    count += statement.params.length;
  }
  if (current.length > 0) groups.push(current);
  return groups.map((group) => {
    const last = group.at(-1) as SqlStatement;
    if (group.length === 1) return last;
    const head = group
      .slice(0, -1)
      .map((s, i) => `s${i} AS (${s.sql})`)
      .join(', ');
    return { sql: `WITH ${head} ${last.sql}`, params: group.flatMap((s) => s.params) };
  });
}

function executor(client: pg.Pool | pg.PoolClient, cache: Map<string, string>): SqlExecutor {
  const text = (sql: string) => {
    let converted = cache.get(sql);
    if (converted === undefined) {
      if (cache.size >= 500) cache.clear();
      converted = numbered(sql);
      cache.set(sql, converted);
    }
    return converted;
  };
  const query = (sql: string, params: SqlValue[]) =>
    params.length === 0
      ? client.query(sql)
      : client.query(
          text(sql),
          params.map((p) => p ?? null),
        );
  return {
    all: async <T>(sql: string, params: SqlValue[] = []) => (await query(sql, params)).rows as T[],
    run: async (sql: string, params: SqlValue[] = []) => (await query(sql, params)).rowCount ?? 0,
    batch: async (statements: SqlStatement[]) => {
      for (const group of cteGroups(statements)) await query(group.sql, group.params);
    },
  };
}

/** node-postgres behind the async driver interface, with an optional per-store schema. */
export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly cache = new Map<string, string>();
  private readonly pooled: SqlExecutor;
  private readonly schema: string | undefined;

  constructor(
    options: PostgresOptions,
    private readonly migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
  ) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new Error(
        `invalid Postgres schema name "${options.schema}": use lower-case letters, digits and _`,
      );
    }
    this.schema = options.schema;
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.max ?? 10,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    });
    // An idle client that loses its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.pooled = executor(this.pool, this.cache);
  }

  all<T = Record<string, unknown>>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.pooled.all<T>(sql, params);
  }

  run(sql: string, params: SqlValue[] = []): Promise<number> {
    return this.pooled.run(sql, params);
  }

  batch(statements: SqlStatement[]): Promise<void> {
    return this.pooled.batch(statements);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A connection that cannot even roll back is broken: it is destroyed, not handed to the next caller.
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(executor(client, this.cache));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  topicCondition(
    _table: SearchTable,
    alias: string,
    words: string[],
    minId?: number,
  ): { sql: string; params: SqlValue[] } {
    // Folded words hold letters and digits only, so they cannot inject tsquery operators.
    const query = words.map((word) => `${word}:*`).join(' & ');
    const sql = `${alias}.tsv @@ to_tsquery('${SEARCH_CONFIG_NAME}', ?)`;
    if (minId === undefined) return { sql, params: [query] };
    return { sql: `${sql} AND ${alias}.id >= ?`, params: [query, minId] };
  }

  async prepareTextSearch(): Promise<void> {}

  async migrate(): Promise<void> {
    const schema = this.schema ?? 'public';
    for (const migration of this.migrations) {
      // One transaction per step under an advisory lock keyed by schema: processes starting together
      // queue here, and each re-reads what the others applied before deciding.
      await this.transaction(async (tx) => {
        await tx.all('SELECT pg_advisory_xact_lock(hashtext(?))', [`briefwire.migrate.${schema}`]);
        if (this.schema) await tx.run(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
        await tx.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
        const done = await tx.all('SELECT 1 FROM schema_migrations WHERE version = ?', [migration.version]);
        if (done.length > 0) return;
        await tx.run(migration.sql);
        await tx.run('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [
          migration.version,
          migration.name,
        ]);
      });
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
