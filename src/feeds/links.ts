/** Resolves a feed link to an absolute http(s) URL when it can; keeps it as given when there is no base. */
export function resolveLink(raw: string | null | undefined, base: string | null | undefined): string | null {
  const link = raw?.trim();
  if (!link) return null;
  if (/^(javascript|data|vbscript|file):/i.test(link)) return null;
  try {
    const url = base ? new URL(link, base) : new URL(link);
    return /^https?:$/.test(url.protocol) ? url.href : null;
  } catch {
    // A relative link with no usable base: better as given than dropped.
    return /^[a-z][a-z0-9+.-]*:/i.test(link) ? null : link;
  }
}

/** An absolute http(s) URL usable as a base, or null. */
export function usableBase(...candidates: (string | null | undefined)[]): string | null {
  for (const candidate of candidates) {
    if (candidate && /^https?:\/\//i.test(candidate) && URL.canParse(candidate)) return candidate;
  }
  return null;
}
