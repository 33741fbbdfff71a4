export type { BriefingBudget } from './budget.ts';
export { blockLength, fitBlocks } from './budget.ts';
export {
  briefChannel,
  briefingFeedIds,
  type ChannelBriefingOptions,
  defaultWindowStart,
} from './channel.ts';
export { clusterStories, type Story, storySimilarity } from './cluster.ts';
export { type ComposeOptions, composeArticleBriefing, composeBriefing } from './compose.ts';
export { claimDisputes, figureDisputes } from './disputes.ts';
export { rankStories, scoreStory } from './rank.ts';
export { trimAtWord } from './text.ts';
export { describeWindow } from './window.ts';
