import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ParsedItem } from '../../src/feeds/types.ts';
import { ROOT } from '../helpers/cli.ts';

/** Path of one of our own feed fixtures. */
export function fixturePath(name: string): string {
  return resolve(ROOT, 'test/fixtures/feeds', name);
}

/** Bytes of one of our own feed fixtures. */
export function fixture(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

/** A parsed item with every field empty except those given (the title defaults to "Untitled"). */
export function parsedItem(fields: Partial<ParsedItem>): ParsedItem {
  return {
    guid: null,
    link: null,
    title: 'Untitled',
    published: null,
    contentHtml: null,
    descriptionHtml: null,
    author: null,
    language: null,
    ...fields,
  };
}
