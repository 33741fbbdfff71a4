import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { FeedError } from './errors.ts';

function decoderFor(encoding: string): Transform | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    case 'identity':
    case '':
      return null;
    default:
      throw new FeedError('decode', `unsupported Content-Encoding "${encoding}"`);
  }
}

/**
 * Reads a response body through its Content-Encoding decoders (gzip, deflate, br), stopping as soon as the
 * decoded bytes pass `maxBytes`, so a small compressed bomb never inflates in memory.
 */
export async function readCappedBody(
  body: Readable,
  contentEncoding: string | null,
  maxBytes: number,
): Promise<Buffer> {
  const encodings = (contentEncoding ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)
    .reverse();
  const decoders = encodings.map(decoderFor).filter((decoder): decoder is Transform => decoder !== null);
  const chunks: Buffer[] = [];
  let total = 0;
  let capError: FeedError | undefined;
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) {
        capError = new FeedError('too-large', `body is larger than the ${maxBytes}-byte cap`);
        throw capError;
      }
      chunks.push(chunk);
    }
  };
  try {
    await (pipeline as (...streams: unknown[]) => Promise<void>)(body, ...decoders, collect);
  } catch (error) {
    // Destroying the source on the cap can surface as an abort; the cap is the real reason.
    if (capError) throw capError;
    if (error instanceof FeedError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || /incorrect header|invalid|unexpected end/i.test((error as Error).message))
      throw new FeedError('decode', `body could not be decompressed (${(error as Error).message})`, {
        cause: error,
      });
    throw error;
  }
  return Buffer.concat(chunks, total);
}
