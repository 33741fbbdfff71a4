import { articleContract } from './contract-articles.ts';
import { batchContract } from './contract-batch.ts';
import { channelContract } from './contract-channels.ts';
import { itemHashContract } from './contract-item-hash.ts';
import { searchContract } from './contract-search.ts';
import { speakerContract } from './contract-speakers.ts';
import { textIndexContract } from './contract-text-index.ts';
import type { StoreHarness } from './harness.ts';

export type { StoreHarness } from './harness.ts';

/** Registers the one Store contract suite (the same tests for every backend) in the current describe block. */
export function storeContract(harness: StoreHarness): void {
  articleContract(harness);
  batchContract(harness);
  itemHashContract(harness);
  searchContract(harness);
  speakerContract(harness);
  textIndexContract(harness);
  channelContract(harness);
}
