import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const SECRETS = {
  DISCORD_TOKEN: 'discord-token-value-1234',
  SLACK_BOT_TOKEN: 'xoxb-slack-token-value-5678',
  SLACK_SIGNING_SECRET: 'signing-secret-value-9012',
  DATABASE_URL: 'postgres://bw:db-password-value-3456@127.0.0.1:9/bw',
};

describe('briefwire config check', () => {
  it('given secrets in the environment, then the effective config prints with every secret masked', () => {
    const { stdout, stderr, status } = runCli(['config', 'check'], { env: SECRETS });
    expect(status).toBe(0);
    expect(stdout).toContain('configuration is valid');
    expect(stdout).toContain('token: "***"');
    for (const secret of [
      'discord-token-value-1234',
      'xoxb-slack-token-value-5678',
      'signing-secret-value-9012',
      'db-password-value-3456',
    ])
      expect(stdout + stderr).not.toContain(secret);
  });

  it('given an invalid file, then every problem is listed with its path, exit 2, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-cfg-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'feeds:\n  - url: gopher://x\npoll:\n  intervalSeconds: 1\n');
    const { stderr, status } = runCli(['config', 'check', '--config', file], { env: SECRETS });
    expect(status).toBe(2);
    expect(stderr).toContain('feeds[0].url');
    expect(stderr).toContain('poll.intervalSeconds');
    expect(stderr).not.toMatch(/\n\s+at /);
    for (const secret of Object.values(SECRETS)) expect(stderr).not.toContain(secret);
  });
});
