import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';
import {
  dropSchemas,
  killAll,
  PG_URL,
  schemaName,
  startMember,
  stopMember,
  waitFor,
  writeConfig,
} from './harness.ts';

/** On Postgres too, a new user's terminal shows the briefing of the first round of polls. */
describe.skipIf(!PG_URL)('the terminal on Postgres (real CLI)', { timeout: 120_000 }, () => {
  const schema = schemaName('terminal');
  afterAll(async () => {
    await killAll();
    await dropSchemas(PG_URL as string, schema);
  });

  it('given two sample feeds and no chat tokens, then the first briefing covers both once workers fetched them', async () => {
    const config = writeConfig({
      database: { schema },
      feeds: [
        { url: resolve(ROOT, 'config/samples/world.xml') },
        { url: resolve(ROOT, 'config/samples/wire.xml') },
      ],
      log: { level: 'info' },
    });
    const member = await startMember('all', config, { DATABASE_URL: PG_URL as string });
    const briefing = await waitFor(
      () => /\d+ stories from \d+ articles in (\d+) feeds/.exec(member.output())?.[1],
      'the first briefing',
    );
    expect(briefing).toBe('2');
    expect(member.output()).toContain('Russian Claim of Withdrawing Troops');
    expect(await stopMember(member)).toBe(0);
  });
});
