/** A poll job: poll the feed if it is still due, and re-send what a crashed poll of it may have left owed. */
export interface PollJob {
  feedId: number;
}

/** A delivery job, sent by workers and run by bots. */
export type DeliverJob =
  | { kind: 'article'; articleId: number }
  | { kind: 'primed'; feedId: number; articleIds: number[] }
  | { kind: 'disabled'; feedId: number; reason: string };

/** A scheduled briefing window, sent by every bot whose cron fired, run once. */
export interface BriefingJob {
  scheduleId: number;
  /** ISO time the window ends. */
  at: string;
}
