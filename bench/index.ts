import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

/**
 * Runs one benchmark in a process of its own, so what an earlier one left in memory (the 100k-article store,
 * the NLP model) does not count in the next one's RSS. Returns its figures (its last line, `--json`).
 */
function runIsolated(name: string): Record<string, number> {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), name, '--json'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const lines = child.stdout.trimEnd().split('\n');
  const last = lines.pop() ?? '';
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
  if (child.status !== 0 || !last.startsWith('{')) {
    process.stderr.write(`benchmark "${name}" failed (exit ${child.status})\n`);
    process.exit(1);
  }
  return JSON.parse(last) as Record<string, number>;
}

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
  if (selected.length > 1) {
    Object.assign(all, runIsolated(name));
    continue;
  }
  const result = await run();
  process.stdout.write(`${result.name}: ${JSON.stringify(result.figures)}\n`);
  Object.assign(all, result.figures);
}
if (json) process.stdout.write(`${JSON.stringify(all)}\n`);
