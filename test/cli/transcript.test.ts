import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

/** The new-user tour, piped through the real CLI: assertions on content, not layout. */
describe('golden transcript: the seed and the samples through the terminal chat', {
  timeout: 180_000,
}, () => {
  const db = join(mkdtempSync(join(tmpdir(), 'bw-tour-')), 'bw.db');

  it('given a fresh database and the bundled samples (the seed among them), then the tour commands answer with the right quotes, figures, claims and refusals', () => {
    const tour = [
      '/who-said Zelensky',
      '/figures troops',
      '/claims Russia',
      '/brief',
      '/feeds add http://127.0.0.1:9/feed.xml',
      '/schedule set weekdays 08:00 Europe/Berlin',
      '/schedule show',
      '/who-said',
      '/exit',
    ].join('\n');
    const { stdout, status } = runCli(['chat', '--db', db], { input: `${tour}\n`, timeoutMs: 150_000 });
    expect(status).toBe(0);
    expect(stdout).toContain("“We don't see any army retreat yet” — Volodymyr Zelensky");
    expect(stdout).toMatch(/7,000 additional troops/);
    expect(stdout).toMatch(/more than 100,000 troops/);
    expect(stdout).toMatch(/a senior US source: Russia's allegation that it is pulling soldiers away/);
    expect(stdout).toMatch(/Moscow: it will move soldiers away from the Ukrainian border/);
    expect(stdout).toMatch(/Sources disagree/);
    // Two sample outlets tell the port-fund story: one story, two sources, and their counts of nations differ.
    expect(stdout).toMatch(/Coastal nations agree \$4\.2bn fund[^\n]*\n\s+2 sources/);
    expect(stdout).toMatch(/Sources disagree: coastal nations/);
    // The chat path is untrusted: a loopback feed URL is refused by the SSRF guard.
    expect(stdout).toMatch(/Cannot add that feed: 127\.0\.0\.1 is a non-public address/);
    expect(stdout).toContain('This channel gets a briefing weekdays at 08:00 (Europe/Berlin).');
    // A malformed command gets a clear answer and the session carries on.
    expect(stdout).toContain('/who-said needs a name');
  });

  it('given briefwire brief, then one digest is printed and the process exits', () => {
    const { stdout, status } = runCli(['brief', '--db', db, '--topic', 'Ukraine', '--since', '7d']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/on "Ukraine"/);
    expect(stdout).toContain('Russian Claim of Withdrawing Troops');
  });
});
