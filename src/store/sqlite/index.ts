import type { Store } from '../port.ts';
import { SqlStore, type SqlStoreOptions } from '../sql/store.ts';
import { SqliteDriver } from './driver.ts';

/** The default database file, relative to the working directory. */
export const DEFAULT_SQLITE_PATH = './data/briefwire.db';

/** Opens (creating folder and file as needed) a SQLite store and runs its pending migrations. */
export async function openSqliteStore(options: { path?: string } & SqlStoreOptions = {}): Promise<Store> {
  const driver = new SqliteDriver(options.path ?? DEFAULT_SQLITE_PATH);
  const store = new SqlStore(driver, options);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
