import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_VARIABLES, loadConfig, maskSecrets } from '../src/config.ts';

function configFile(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bw-config-'));
  const file = join(dir, 'config.yaml');
  writeFileSync(file, yaml);
  return file;
}

describe('loadConfig', () => {
  it('given the embedded default, then it validates with bundled sample feeds', () => {
    const config = loadConfig({ env: {} });
    expect(config.feeds.length).toBeGreaterThan(0);
    expect(config.database.path).toBe('./data/briefwire.db');
  });

  it('given several problems, then it reports every one with its path', () => {
    const file = configFile(
      [
        'feeds:',
        '  - url: ./a.xml',
        '  - url: https://ok.example/feed',
        '  - url: ftp://x/y',
        'http:',
        '  port: 99999',
      ].join('\n'),
    );
    try {
      loadConfig({ file, env: { BRIEFWIRE_HTTP_HOST: '0.0.0.0', LOG_LEVEL: 'loud' } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('feeds[2].url: expected an http(s) URL or a file path');
      expect(problems).toContain('http.port');
      expect(problems).toContain('log.level');
    }
  });

  it('given a secret in the file, then it is refused: secrets only come from the environment', () => {
    const file = configFile('discord:\n  token: abc\n');
    expect(() => loadConfig({ file, env: {} })).toThrow(/discord.token: secrets come from the environment/);
  });

  it('given tokens in the environment, then they load and mask when printed', () => {
    const config = loadConfig({
      env: { DISCORD_TOKEN: 'discord-secret-token', BRIEFWIRE_HTTP_PORT: '4000' },
    });
    expect(config.discord.token).toBe('discord-secret-token');
    expect(config.http.port).toBe(4000);
    expect(JSON.stringify(maskSecrets(config))).not.toContain('discord-secret-token');
  });

  it('given a default timezone and Slack managers, then schedules and permissions can use them', () => {
    const file = configFile(
      [
        'timezone: Europe/Berlin',
        'schedules:',
        '  - channel: slack:T1:C1',
        '    cron: "0 8 * * 1-5"',
        'slack:',
        '  managers: [U012ABCDEF]',
      ].join('\n'),
    );
    const config = loadConfig({ file, env: {} });
    expect(config.timezone).toBe('Europe/Berlin');
    expect(config.schedules[0]?.timezone).toBeUndefined();
    expect(config.slack.managers).toEqual(['U012ABCDEF']);
    expect(loadConfig({ file, env: { BRIEFWIRE_TIMEZONE: 'Asia/Tokyo' } }).timezone).toBe('Asia/Tokyo');
  });

  it('given an unknown timezone or a malformed Slack user id, then both problems are named', () => {
    const file = configFile('timezone: Mars/Olympus\nslack:\n  managers: ["@alice"]\n');
    expect(() => loadConfig({ file, env: {} })).toThrow(
      /timezone: expected an IANA timezone[\s\S]*slack.managers\[0\]/,
    );
  });

  it('given a missing file, then one clear problem', () => {
    expect(() => loadConfig({ file: '/nonexistent/briefwire.yaml', env: {} })).toThrow(/file not found/);
  });
});

describe('the README', () => {
  it('given the environment variables briefwire reads, then its table names every one', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const missing = ENV_VARIABLES.filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
