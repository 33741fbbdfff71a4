import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRole, roleProblem } from '../../src/cluster/roles.ts';
import { runCli } from '../helpers/cli.ts';

describe('roles', () => {
  it('given SQLite and --role worker, then start refuses with exit code 2 and says Postgres is needed', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'bw-role-')), 'bw.db');
    const { status, stderr } = runCli(['start', '--role', 'worker', '--db', db], {
      env: { DATABASE_URL: '' },
    });
    expect(status).toBe(2);
    expect(stderr).toMatch(/Postgres/);
  });

  it('given an unknown role, then start refuses with exit code 2', () => {
    const { status, stderr } = runCli(['start', '--role', 'janitor']);
    expect(status).toBe(2);
    expect(stderr).toContain('janitor');
  });

  it('given each role, then only all runs without a database URL', () => {
    expect(parseRole(undefined)).toBe('all');
    expect(parseRole('x')).toBeNull();
    expect(roleProblem('all', undefined)).toBeNull();
    expect(roleProblem('bot', undefined)).toMatch(/Postgres/);
    expect(roleProblem('worker', 'postgres://h/db')).toBeNull();
  });
});
