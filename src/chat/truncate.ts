/** The ellipsis appended to text cut to fit a platform limit. */
export const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` UTF-16 units, at a word boundary when one is near, ending with an ellipsis.
 * Never splits a surrogate pair, so a cut emoji cannot become a broken character.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return text.slice(0, Math.max(0, max));
  let end = max - ELLIPSIS.length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  const space = text.lastIndexOf(' ', end);
  // Prefer a word boundary unless it throws away more than a fifth of the room.
  if (space > end * 0.8) end = space;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}
