// A separate OS process for the multi-process store tests: opens (and so migrates) the store given on the
// command line, adds a feed, races for delivery keys and prints what it won as one JSON line.
import { argv, stdout } from 'node:process';
import { openStore } from '../../src/store/index.ts';

const [target = '', schema = '', label = 'p', keyCount = '30'] = argv.slice(2);
const isUrl = /^postgres(ql)?:\/\//.test(target);
const store = await openStore(isUrl ? { url: target, schema: schema || undefined } : { path: target });
await store.upsertFeed({ url: `https://process.example/${label}`, global: true });
const channel = { platform: 'discord', workspace: 'g', channel: 'c' } as const;
const won: string[] = [];
for (let i = 0; i < Number(keyCount); i++) {
  const key = `article:${i}`;
  if (await store.claimDelivery(key, channel)) won.push(key);
}
await store.close();
stdout.write(`${JSON.stringify({ label, won })}\n`);
