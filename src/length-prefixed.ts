/**
 * Fields joined for a fingerprint, each as `<length>:<value>` (`-` for null): no value can be mistaken for
 * another field's, and nothing is copied through an escaper first (JSON-escaping an article's text was most
 * of a content hash's cost).
 */
export function lengthPrefixed(fields: readonly (string | null)[]): string {
  let joined = '';
  for (const value of fields) joined += value === null ? '-' : `${value.length}:${value}`;
  return joined;
}
