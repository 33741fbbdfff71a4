import type { CommandOption } from '../types.ts';
import { checkSince } from './since.ts';

/** The `since` option every query shares. */
export const sinceOption = {
  name: 'since',
  description: 'How far back: 30m, 24h, 7d, 2w or a date (2026-11-20)',
  type: 'string',
  validate: checkSince,
} as const satisfies CommandOption;

/** The `topic` option: a subject or a person, matched in the sentence and the headline. */
export const topicOption = {
  name: 'topic',
  description: 'A subject or a person, e.g. "European defense"',
  type: 'string',
  rest: true,
} as const satisfies CommandOption;

/** A string option value, or undefined when absent or blank. */
export function text(value: string | number | boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  const out = String(value).trim();
  return out.length > 0 ? out : undefined;
}
