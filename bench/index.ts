import { benchCommands } from './commands.ts';
import { benchExtract } from './extract.ts';
import { benchIngest } from './ingest.ts';
import type { BenchResult } from './measure.ts';
import { benchPoll } from './poll.ts';
import { benchScaleout } from './scaleout.ts';

/** Every benchmark by name; `npm run bench -- extract` runs one alone. */
const BENCHMARKS: Record<string, () => Promise<BenchResult>> = {
  extract: benchExtract,
  ingest: benchIngest,
  commands: () => benchCommands(),
  poll: () => benchPoll(),
  scaleout: benchScaleout,
};

const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.filter((a) => !a.startsWith('--'));
const selected = only.length > 0 ? only : Object.keys(BENCHMARKS);
const all: Record<string, number> = {};
for (const name of selected) {
  const run = BENCHMARKS[name];
  if (!run) {
    process.stderr.write(`unknown benchmark "${name}"; known: ${Object.keys(BENCHMARKS).join(', ')}\n`);
    process.exit(2);
  }
  // Scale-out needs a Postgres; without one the rest of the suite still runs and says what was skipped.
  if (name === 'scaleout' && !process.env.BRIEFWIRE_BENCH_PG_URL && !process.env.BRIEFWIRE_TEST_PG_URL) {
    process.stdout.write('scaleout: skipped (set BRIEFWIRE_BENCH_PG_URL or BRIEFWIRE_TEST_PG_URL)\n');
    continue;
  }
  const result = await run();
  process.stdout.write(`${result.name}: ${JSON.stringify(result.figures)}\n`);
  Object.assign(all, result.figures);
}
if (json) process.stdout.write(`${JSON.stringify(all)}\n`);
