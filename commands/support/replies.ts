import type { Block, Reply } from '../../src/briefing/blocks.ts';
import { type CommandContext, UserError } from '../types.ts';

/** A reply only the caller sees (errors, help, refusals, empty results). */
export function privateReply(summary: string, blocks: Block[] = [{ type: 'text', text: summary }]): Reply {
  return { visibility: 'private', summary, blocks };
}

/** A reply the channel sees (answers to queries). */
export function publicReply(summary: string, blocks: Block[]): Reply {
  return { visibility: 'public', summary, blocks };
}

/** "Nothing found" that says what was searched and what to try instead. */
export function emptyResult(what: string, tryInstead: string): Reply {
  return privateReply(`No ${what}.`, [
    { type: 'text', text: `No ${what}.` },
    { type: 'context', text: `Try ${tryInstead}.` },
  ]);
}

/** Refuses unless the caller may manage this channel's feeds and schedules. */
export function requireManage(ctx: CommandContext, what: string): void {
  if (!ctx.user.canManage) {
    throw new UserError(
      'needs-manage',
      `Only channel managers can ${what}. Ask someone with Manage Channels (Discord) or a workspace admin (Slack).`,
    );
  }
}

/** "3 claims", "1 claim". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
