import type { CommandContext } from '../types.ts';

/** Feeds a query may search: the global feeds plus every feed subscribed in the same workspace or guild. */
export async function queryFeedIds(ctx: CommandContext): Promise<number[]> {
  const { platform, workspace } = ctx.channel;
  const local = await ctx.store.workspaceFeedIds(platform, workspace);
  return [...new Set([...ctx.globalFeedIds, ...local])];
}
