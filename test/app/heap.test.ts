import { beforeEach, describe, expect, it, vi } from 'vitest';

const setFlags = vi.fn();
vi.mock('node:v8', async (original) => ({ ...(await original<object>()), setFlagsFromString: setFlags }));

const { HEAP_GROWING_PERCENT, limitHeapGrowth } = await import('../../src/app/heap.ts');

describe('limitHeapGrowth', () => {
  beforeEach(() => setFlags.mockClear());

  it('given no heap flag on the command line, then V8 is told to grow the heap by at most the set percent', () => {
    limitHeapGrowth(['--enable-source-maps']);
    expect(setFlags).toHaveBeenCalledWith(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });

  it("given the operator's own --heap-growing-percent, then it is left alone", () => {
    limitHeapGrowth(['--heap-growing-percent=30']);
    expect(setFlags).not.toHaveBeenCalled();
  });
});
