import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT } from '../helpers/cli.ts';

/** What one store process reported. */
export interface ProcessResult {
  label: string;
  won: string[];
}

function runOne(args: string[]): Promise<ProcessResult> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve(ROOT, 'test/store/store-process.ts'), ...args],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) fail(new Error(`store process exited ${code}: ${err.trim()}`));
      else done(JSON.parse(out.trim()) as ProcessResult);
    });
  });
}

/** Starts `labels.length` store processes on one database at the same moment and waits for all of them. */
export function runStoreProcesses(
  target: string,
  schema: string,
  labels: string[],
): Promise<ProcessResult[]> {
  return Promise.all(labels.map((label) => runOne([target, schema, label])));
}
