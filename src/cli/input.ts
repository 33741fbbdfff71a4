import { readFile } from 'node:fs/promises';
import { CliError } from './errors.ts';

/** Raw input named on the command line: its bytes, and where it came from. */
export interface CliInput {
  bytes: Buffer;
  /** The URL for http(s) input, else undefined. */
  url?: string;
  /** Content type from HTTP, or a guess from the file name. */
  kind: 'html' | 'text' | 'unknown';
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Reads a file, `-` (stdin) or an http(s) URL; every failure becomes one clear CliError. */
export async function readCliInput(
  source: string,
  fetchUrl?: (url: string) => Promise<CliInput>,
): Promise<CliInput> {
  if (/^https?:\/\//i.test(source)) {
    if (!fetchUrl) throw new CliError(`cannot fetch ${source}`);
    return fetchUrl(source);
  }
  let bytes: Buffer;
  try {
    bytes = source === '-' ? await readStdin() : await readFile(source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${source}: no such file`);
    if (code === 'EISDIR') throw new CliError(`${source}: is a directory, expected a file`);
    if (code === 'EACCES') throw new CliError(`${source}: permission denied`);
    throw new CliError(`${source}: cannot read (${code ?? (error as Error).message})`);
  }
  const kind = /\.x?html?$/i.test(source) ? 'html' : /\.(txt|text|md)$/i.test(source) ? 'text' : 'unknown';
  return { bytes, kind };
}

/** Whether bytes look like a binary file rather than text (NUL bytes, or mostly control characters). */
export function looksBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}
