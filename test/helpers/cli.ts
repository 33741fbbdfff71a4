import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, for tests that run the real CLI. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `briefwire ...args` as a real process and returns its output and exit code. */
export function runCli(
  args: string[],
  options: { input?: string | Buffer; env?: Record<string, string>; timeoutMs?: number } = {},
) {
  const result = spawnSync(process.execPath, [resolve(ROOT, 'bin/briefwire.js'), ...args], {
    cwd: ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', NO_COLOR: '1', ...options.env },
    timeout: options.timeoutMs ?? 60_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}
