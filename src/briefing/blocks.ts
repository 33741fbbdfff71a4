/** A link back to the source article. */
export interface SourceLink {
  title: string;
  url: string | null;
  feedName: string | null;
}

/**
 * The neutral block model every reply and briefing is made of. Adapters render it (Discord embeds, Slack Block
 * Kit, terminal text) and split long replies between blocks, never inside one.
 */
export type Block =
  | { type: 'heading'; text: string }
  /** A story or article header: its headline, how many sources carry it, and where. */
  | { type: 'story'; title: string; sources: SourceLink[]; analysed: boolean; note?: string }
  | { type: 'claim'; claimant: string; claim: string; sentence: string; source: SourceLink }
  | {
      type: 'figure';
      text: string;
      unit: string | null;
      about: string | null;
      /** A conversion shown beside the figure ("£199 billion"). */
      equivalent?: string;
      sentence: string;
      source: SourceLink;
    }
  | { type: 'quote'; text: string; speaker: string | null; sentence: string; source: SourceLink }
  /** Sources disagree: each side's figure or claim, side by side. */
  | { type: 'dispute'; topic: string; sides: { label: string; text: string; source: SourceLink }[] }
  | { type: 'text'; text: string }
  | { type: 'context'; text: string }
  | { type: 'divider' };

/** Who sees a reply: the channel, or only the person who asked. */
export type Visibility = 'public' | 'private';

/** A neutral reply to a command, or a briefing to post. */
export interface Reply {
  blocks: Block[];
  visibility: Visibility;
  /** Plain-text summary for notifications and platforms' fallback text. */
  summary: string;
}
