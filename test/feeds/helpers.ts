import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from '../helpers/cli.ts';

/** Path of one of our own feed fixtures. */
export function fixturePath(name: string): string {
  return resolve(ROOT, 'test/fixtures/feeds', name);
}

/** Bytes of one of our own feed fixtures. */
export function fixture(name: string): Buffer {
  return readFileSync(fixturePath(name));
}
