import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_BYTES } from './decode.ts';
import { FeedError } from './errors.ts';
import { type FetchedBody, type FetchOptions, type FetchResult, fetchFeed } from './http-client.ts';

/** Whether a feed source names a local file (a path or a `file:` URL) rather than an http(s) URL. */
export function isFileSource(source: string): boolean {
  return /^file:/i.test(source) || !/^[a-z][a-z0-9+.-]*:/i.test(source);
}

async function readCapped(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new FeedError('too-large', `file is larger than the ${maxBytes}-byte cap`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * Loads a feed from its configured source: an http(s) URL through the safe client, or, for trusted
 * (operator) sources only, a local file path or `file:` URL. Untrusted sources can never read a file.
 */
export async function loadFeed(source: string, options: FetchOptions): Promise<FetchResult> {
  if (!isFileSource(source)) return fetchFeed(source, options);
  if (!options.trusted) throw new FeedError('blocked', 'only http(s) URLs can be added, not files');
  let path: string;
  try {
    path = /^file:/i.test(source) ? fileURLToPath(source) : source;
  } catch {
    throw new FeedError('invalid-url', `not a usable file URL: ${source}`);
  }
  let body: Buffer;
  try {
    body = await readCapped(path, options.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (error) {
    if (error instanceof FeedError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, expected a file'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot read (${code ?? (error as Error).message})`;
    throw new FeedError('file', why);
  }
  return localBody(source, body);
}

/** A body read locally (a file, standard input) as a fetch result: no headers, no validators, no caching hints. */
export function localBody(url: string, body: Buffer): FetchedBody {
  return {
    status: 'ok',
    url,
    httpStatus: 200,
    body,
    contentType: null,
    headers: {},
    etag: null,
    lastModified: null,
    maxAge: null,
    retryAfter: null,
  };
}
