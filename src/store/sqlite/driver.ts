import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type {
  Migration,
  SearchTable,
  SqlDriver,
  SqlExecutor,
  SqlStatement,
  SqlValue,
} from '../sql/driver.ts';
import { SQLITE_MIGRATIONS } from './migrations.ts';

type Param = string | number | null;

function toParam(value: SqlValue): Param {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/**
 * better-sqlite3 behind the async driver interface. Every call goes through one queue: the connection is
 * shared, so a statement issued while a transaction awaits must not slip into that transaction.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly direct: SqlExecutor = {
    all: async <T>(sql: string, params: SqlValue[] = []) => this.allNow<T>(sql, params),
    run: async (sql: string, params: SqlValue[] = []) => this.runNow(sql, params),
    batch: async (statements: SqlStatement[]) => {
      for (const s of statements) this.runNow(s.sql, s.params);
    },
  };

  constructor(
    path: string,
    private readonly migrations: readonly Migration[] = SQLITE_MIGRATIONS,
  ) {
    if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('synchronous = NORMAL');
  }

  all<T = Record<string, unknown>>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.serial(async () => this.allNow<T>(sql, params));
  }

  run(sql: string, params: SqlValue[] = []): Promise<number> {
    return this.serial(async () => this.runNow(sql, params));
  }

  batch(statements: SqlStatement[]): Promise<void> {
    return this.serial(async () => {
      for (const s of statements) this.runNow(s.sql, s.params);
    });
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      // IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading a read lock.
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  topicCondition(
    table: SearchTable,
    alias: string,
    words: string[],
    minId?: number,
  ): { sql: string; params: SqlValue[] } {
    // Folded words hold letters and digits only, so quoting each one as an FTS5 string is safe.
    const match = words.map((word) => `"${word}"*`).join(' ');
    // The rowid bound goes inside: FTS5 then seeks past older rows instead of listing them.
    const bounded = minId === undefined ? '' : ' AND rowid >= ?';
    return {
      sql: `${alias}.id IN (SELECT rowid FROM ${table}_fts WHERE ${table}_fts MATCH ?${bounded})`,
      params: minId === undefined ? [match] : [match, minId],
    };
  }

  async prepareTextSearch(table: SearchTable): Promise<void> {
    if (table !== 'articles') return;
    const [state] = await this.all<{ pending: number }>(
      `SELECT (SELECT coalesce(max(id), 0) FROM articles) >
         (SELECT upto FROM text_index_state WHERE name = 'articles') AS pending`,
    );
    if (!state?.pending) return;
    // Under the write lock no article can be added meanwhile, so everything up to the new mark is indexed.
    await this.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO articles_fts (rowid, title, text)
         SELECT id, title, text FROM articles
         WHERE id > (SELECT upto FROM text_index_state WHERE name = 'articles')`,
      );
      await tx.run(
        `UPDATE text_index_state SET upto = (SELECT coalesce(max(id), 0) FROM articles) WHERE name = 'articles'`,
      );
    });
  }

  migrate(): Promise<void> {
    return this.serial(async () => {
      this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
      const applied = this.db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
      const record = this.db.prepare(
        'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
      );
      for (const migration of this.migrations) {
        // Checked again inside the write lock: another process may have applied it meanwhile.
        const step = this.db.transaction(() => {
          if (applied.get(migration.version)) return;
          this.db.exec(migration.sql);
          record.run(migration.version, migration.name, Date.now());
        });
        step.immediate();
      }
    });
  }

  ping(): Promise<boolean> {
    return this.serial(async () => this.db.open && this.db.prepare('SELECT 1 AS ok').get() !== undefined);
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      if (this.db.open) this.db.close();
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.queue.then(fn);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      // IN lists of every length make many distinct statements; a bounded cache keeps memory flat.
      if (this.statements.size >= 500) this.statements.clear();
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private allNow<T>(sql: string, params: SqlValue[]): T[] {
    const stmt = this.statement(sql);
    const values = params.map(toParam);
    if (stmt.reader) return stmt.all(...values) as T[];
    stmt.run(...values);
    return [];
  }

  private runNow(sql: string, params: SqlValue[]): number {
    return this.statement(sql).run(...params.map(toParam)).changes;
  }
}
