/** A value a query parameter may hold; drivers map Date and boolean to their column types. */
export type SqlValue = string | number | boolean | Date | null | undefined;

/** The tables with a full-text index: extraction rows (over `search_text`) and articles (title and text). */
export type SearchTable = 'quotes' | 'claims' | 'figures' | 'articles';

/** One statement and its parameters. */
export interface SqlStatement {
  sql: string;
  params: SqlValue[];
}

/** Runs SQL written with `?` placeholders; each driver adapts it to its database. */
export interface SqlExecutor {
  /**
   * Runs statements that are independent (none reads or touches what another writes). Postgres sends them
   * as one round trip (data-modifying CTEs); SQLite runs them in order.
   */
  batch(statements: SqlStatement[]): Promise<void>;
  /** Rows a statement returns (SELECT or `RETURNING`). */
  all<T = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /** Runs a statement and returns how many rows it changed. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
}

/** A database connection the shared SQL store runs on: SQLite or Postgres. */
export interface SqlDriver extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * A WHERE condition: the `alias` row of `table` matches every (folded) topic word as a prefix; with `minId`,
   * only rows whose id is at least that (so the full-text index skips older rows).
   */
  topicCondition(
    table: SearchTable,
    alias: string,
    words: string[],
    minId?: number,
  ): { sql: string; params: SqlValue[] };
  /**
   * Brings `table`'s full-text index up to date before a topic search: SQLite indexes articles lazily (see
   * its migration 6); Postgres' generated columns always are.
   */
  prepareTextSearch(table: SearchTable): Promise<void>;
  /** Applies pending migrations. */
  migrate(): Promise<void>;
  /** Whether the database answers. */
  ping(): Promise<boolean>;
  /** Closes the connection(s). */
  close(): Promise<void>;
}

const PLACEHOLDERS: string[] = [];

/** Builds `(?, ?, ?)` for an IN list; callers handle the empty list. */
export function placeholders(count: number): string {
  // Hot in multi-row INSERTs: built once per count.
  let list = PLACEHOLDERS[count];
  if (list === undefined) {
    list = `(${Array.from({ length: count }, () => '?').join(', ')})`;
    if (count <= 1000) PLACEHOLDERS[count] = list;
  }
  return list;
}

/** One forward-only schema step. Versions only ever grow; an applied migration is never edited. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
