import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

describe('briefwire ingest', { timeout: 120_000 }, () => {
  it('given the seed article, then it is stored once and the terminal chat can query it', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'bw-ingest-')), 'bw.db');
    const first = runCli(['ingest', 'test/fixtures/seed.txt', '--db', db]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^new: #\d+ "Russian Claim/);
    const again = runCli(['ingest', 'test/fixtures/seed.txt', '--db', db]);
    expect(again.stdout).toMatch(/^already stored/);

    const chat = runCli(['chat', '--db', db], { input: '/who-said zelensky\n/exit\n', timeoutMs: 90_000 });
    expect(chat.status).toBe(0);
    expect(chat.stdout).toContain("“We don't see any army retreat yet” — Volodymyr Zelensky");
  });

  it('given a missing file, then one clear line and exit 1', () => {
    const { status, stderr } = runCli(['ingest', 'nope/missing.txt']);
    expect(status).toBe(1);
    expect(stderr.trim()).toBe('briefwire ingest: nope/missing.txt: no such file');
  });
});
