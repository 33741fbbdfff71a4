import { describe, expect, it } from 'vitest';
import { loadConfig, secretValues } from '../src/config.ts';
import { createLogger } from '../src/log.ts';

describe('createLogger', () => {
  it('given secrets in the config, then no log line carries one, whatever is logged', () => {
    const config = loadConfig({
      env: {
        DISCORD_TOKEN: 'discord-token-value-1234',
        SLACK_SIGNING_SECRET: 'signing-secret-value-9012',
        DATABASE_URL: 'postgres://bw:db-password-value-3456@127.0.0.1:5432/bw',
      },
    });
    const lines: string[] = [];
    const logger = createLogger({
      secrets: secretValues(config),
      destination: { write: (l) => lines.push(l) },
    });
    logger.info({ config }, 'loaded');
    logger.error({ err: new Error('login failed for token discord-token-value-1234') }, 'discord');
    logger.warn(`connect to ${config.database.url}`);
    const all = lines.join('');
    expect(lines).toHaveLength(3);
    for (const secret of ['discord-token-value-1234', 'signing-secret-value-9012', 'db-password-value-3456'])
      expect(all).not.toContain(secret);
    expect(all).toContain('[redacted]');
  });

  it('given a level, then quieter lines are dropped', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (l) => lines.push(l) } });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines.join('')).not.toContain('hidden');
    expect(lines.join('')).toContain('shown');
  });
});
