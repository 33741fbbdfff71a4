import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Two 32-bit advisory-lock keys for a name: a namespace and a slot, stable across processes. */
export function lockKeys(namespace: string, name: string): [number, number] {
  const digest = createHash('sha1').update(`${namespace}\u0000${name}`).digest();
  return [digest.readInt32BE(0), digest.readInt32BE(4)];
}

/**
 * A Postgres session that holds advisory locks for one job. Session-level locks vanish with the connection, so a
 * process killed mid-job frees its feed and host slots at once, with no lease to wait out.
 */
export class LockSession {
  private constructor(
    private readonly client: pg.PoolClient,
    private readonly namespace: string,
  ) {}

  /** Takes a connection from the pool for the session. */
  static async open(pool: pg.Pool, namespace: string): Promise<LockSession> {
    return new LockSession(await pool.connect(), namespace);
  }

  /** Tries to take the named lock without waiting. */
  async tryLock(name: string): Promise<boolean> {
    const [a, b] = lockKeys(this.namespace, name);
    const { rows } = await this.client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
      a,
      b,
    ]);
    return rows[0]?.ok === true;
  }

  /** Takes one of `slots` slots of a resource (e.g. a host), returning its lock name, or null when all are held. */
  async trySlot(resource: string, slots: number): Promise<string | null> {
    // Start at a random slot: processes scanning from 0 would all queue on the first slots.
    const first = Math.floor(Math.random() * slots);
    for (let i = 0; i < slots; i++) {
      const name = `${resource}#${(first + i) % slots}`;
      if (await this.tryLock(name)) return name;
    }
    return null;
  }

  /** Waits for a slot, polling every `stepMs`; null when `limitMs` passed or `signal` aborted first. */
  async waitSlot(
    resource: string,
    slots: number,
    options: { limitMs: number; stepMs?: number; signal?: AbortSignal },
  ): Promise<string | null> {
    const until = Date.now() + options.limitMs;
    for (;;) {
      const name = await this.trySlot(resource, slots);
      if (name || Date.now() >= until || options.signal?.aborted) return name;
      // Jitter keeps waiting workers from retrying in lockstep.
      await new Promise((r) => setTimeout(r, (options.stepMs ?? 50) * (0.5 + Math.random())));
    }
  }

  /** Releases every lock of the session and gives the connection back. */
  async close(): Promise<void> {
    try {
      await this.client.query('SELECT pg_advisory_unlock_all()');
      this.client.release();
    } catch (error) {
      // A connection in an unknown state must not return to the pool with locks on it.
      this.client.release(error as Error);
    }
  }
}
