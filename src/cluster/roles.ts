/** Which parts of briefwire a process runs: everything, only the chat side, or only the feed side. */
export type Role = 'all' | 'bot' | 'worker';

/** Every role, in the order the help text lists them. */
export const ROLES: readonly Role[] = ['all', 'bot', 'worker'];

/** Parses `--role`; undefined means `all`, anything else unknown is null. */
export function parseRole(value: string | undefined): Role | null {
  if (value === undefined) return 'all';
  return (ROLES as readonly string[]).includes(value) ? (value as Role) : null;
}

/** Whether the role polls feeds. */
export function polls(role: Role): boolean {
  return role !== 'bot';
}

/** Whether the role runs the chat adapters and posts. */
export function chats(role: Role): boolean {
  return role !== 'worker';
}

/** Why a role cannot run on this database, or null when it can: only Postgres is shared between processes. */
export function roleProblem(role: Role, databaseUrl: string | undefined): string | null {
  if (role === 'all' || databaseUrl) return null;
  return `--role ${role} needs a shared Postgres database (database.url or DATABASE_URL); with SQLite only --role all runs`;
}
