import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../fakes/discord-server.ts';
import { ROOT } from '../../helpers/cli.ts';

/** Runs the real CLI without blocking this process, so the in-process stand-in can answer it. */
function runCliAsync(args: string[], env: Record<string, string>) {
  return new Promise<{ stdout: string; stderr: string; status: number | null }>((done) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'bin/briefwire.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (status) => done({ stdout, stderr, status }));
  });
}

interface RegisteredOption {
  name: string;
  type: number;
  required?: boolean;
  autocomplete?: boolean;
}

describe('briefwire deploy-commands', () => {
  let fake: FakeDiscord;
  beforeEach(async () => {
    fake = await new FakeDiscord().listen();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('given --guild then it PUTs every command to that guild, /who-said with a required autocompleted name', async () => {
    const result = await runCliAsync(['deploy-commands', '--guild', '123456789012345678'], {
      DISCORD_TOKEN: 'fake-token',
      DISCORD_APPLICATION_ID: '100000000000000002',
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [put] = fake.find(
      'PUT',
      /^\/applications\/100000000000000002\/guilds\/123456789012345678\/commands$/,
    );
    expect(put?.authorization).toBe('Bot fake-token');
    const commands = put?.body as { name: string; options?: RegisteredOption[] }[];
    const names = commands.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining(['brief', 'claims', 'who-said', 'quotes', 'figures', 'feeds', 'help']),
    );
    const whoSaid = commands.find((c) => c.name === 'who-said');
    expect(whoSaid?.options?.[0]).toMatchObject({
      name: 'name',
      type: 3,
      required: true,
      autocomplete: true,
    });
    expect(result.stdout).toMatch(
      new RegExp(`Registered ${commands.length} commands for guild 123456789012345678`),
    );
  });

  it('given no guild then it registers the commands globally', async () => {
    const result = await runCliAsync(['deploy-commands'], {
      DISCORD_TOKEN: 'fake-token',
      DISCORD_APPLICATION_ID: '100000000000000002',
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(result.status).toBe(0);
    expect(fake.find('PUT', /^\/applications\/100000000000000002\/commands$/)).toHaveLength(1);
  });

  it('given no Discord credentials then it says which variables to set and exits 2', async () => {
    const result = await runCliAsync(['deploy-commands'], {
      DISCORD_TOKEN: '',
      DISCORD_APPLICATION_ID: '',
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
    expect(fake.requests).toHaveLength(0);
  });
});
