import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../../package.json') as {
  version: string;
  repository?: string | { url?: string };
};

function repositoryUrl(): string {
  const raw = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? '');
  return raw.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** `briefwire/<version> (+<repository url>)`, so feed owners can tell who polls them and how to reach us. */
export const USER_AGENT = `briefwire/${pkg.version} (+${repositoryUrl()})`;

/** A header value as one string (undici gives arrays for repeated headers). */
export function headerValue(value: string | string[] | undefined): string | null {
  if (Array.isArray(value)) return value.join(', ');
  return value ?? null;
}

/** `Retry-After` in seconds or as an HTTP date, as the absolute time to wait for; null when absent or junk. */
export function parseRetryAfter(value: string | null, now = Date.now()): Date | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return new Date(now + Number(text) * 1000);
  const time = Date.parse(text);
  if (!Number.isFinite(time) || !/\d{4}/.test(text)) return null;
  return new Date(Math.max(time, now));
}

/** `Cache-Control: max-age` in seconds (0 for no-cache / no-store); null when the header says nothing. */
export function parseMaxAge(value: string | null): number | null {
  if (!value) return null;
  if (/(^|,)\s*(no-cache|no-store)\s*(,|$)/i.test(value)) return 0;
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(value);
  return match ? Number(match[1]) : null;
}
