import type { Store } from './port.ts';
import type { SqlStoreOptions } from './sql/store.ts';

export type * from './port.ts';

/** Where the store lives: a `postgres://` URL selects Postgres, anything else a SQLite file (or `:memory:`). */
export interface StoreConfig extends SqlStoreOptions {
  /** SQLite file; default `./data/briefwire.db`. */
  path?: string;
  /** `postgres://` or `postgresql://` URL; when set, Postgres is used and `path` is ignored. */
  url?: string;
  /** Postgres schema to work in (created when missing); default the connection's search_path. */
  schema?: string;
}

/** Opens the configured store and runs pending migrations before returning it. */
export async function openStore(config: StoreConfig = {}): Promise<Store> {
  if (config.url !== undefined && /^postgres(ql)?:\/\//i.test(config.url)) {
    const { openPostgresStore } = await import('./postgres/index.ts');
    return openPostgresStore({ url: config.url, schema: config.schema, now: config.now });
  }
  if (config.url !== undefined)
    throw new Error(`unsupported database URL "${config.url}": expected postgres://`);
  const { openSqliteStore } = await import('./sqlite/index.ts');
  return openSqliteStore({ path: config.path, now: config.now });
}
