import type { Store } from '../port.ts';
import { SqlStore, type SqlStoreOptions } from '../sql/store.ts';
import { PostgresDriver, type PostgresOptions } from './driver.ts';

/** Connects a Postgres store (optionally inside its own schema) and runs its pending migrations. */
export async function openPostgresStore(options: PostgresOptions & SqlStoreOptions): Promise<Store> {
  const store = new SqlStore(new PostgresDriver(options), options);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
