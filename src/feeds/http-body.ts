import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { FeedError } from './errors.ts';

/** `deflate` as servers send it: zlib-wrapped per the RFC, or raw deflate (old IIS), told apart by its header. */
class DeflateDecoder extends Transform {
  private inner: Transform | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      const zlibHeader =
        chunk.length >= 2 &&
        ((chunk[0] as number) & 0x0f) === 8 &&
        ((chunk[0] as number) * 256 + (chunk[1] as number)) % 31 === 0;
      this.inner = zlibHeader ? createInflate() : createInflateRaw();
      this.inner.on('data', (data: Buffer) => this.push(data));
      this.inner.on('error', (error) => this.destroy(error));
    }
    this.inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) {
      callback();
      return;
    }
    this.inner.once('end', () => callback());
    this.inner.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }
}

function decoderFor(encoding: string): Transform | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return new DeflateDecoder();
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
    // A plain body needs no pipeline: reading it directly keeps each fetch's garbage small and short-lived.
    if (decoders.length === 0) await collect(body);
    else await (pipeline as (...streams: unknown[]) => Promise<void>)(body, ...decoders, collect);
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
