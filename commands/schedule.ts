import type { Block } from '../src/briefing/blocks.ts';
import type { Schedule } from '../src/store/port.ts';
import { text } from './support/options.ts';
import { privateReply, publicReply, requireManage } from './support/replies.ts';
import { describeCron, isTimezone, parseScheduleSpec } from './support/schedule-spec.ts';
import { type CommandContext, type CommandDefinition, type CommandInput, UserError } from './types.ts';

function describe(schedule: Pick<Schedule, 'cron' | 'timezone'>): string {
  return `${describeCron(schedule.cron)} (${schedule.timezone})`;
}

async function set(input: CommandInput, ctx: CommandContext) {
  requireManage(ctx, 'change the briefing schedule');
  const when = text(input.when);
  if (!when) {
    throw new UserError('missing-when', 'When? For example: /schedule set weekdays 08:00 Europe/Berlin');
  }
  const spec = parseScheduleSpec(when);
  const option = text(input.timezone);
  if (option && !isTimezone(option)) {
    throw new UserError(
      'bad-timezone',
      `Unknown timezone "${option}": use a name such as Europe/Berlin or UTC.`,
    );
  }
  const timezone = option ?? spec.timezone ?? ctx.defaultTimezone ?? 'UTC';
  const schedule = await ctx.store.upsertSchedule({ channel: ctx.channel, cron: spec.cron, timezone });
  await ctx.schedulesChanged?.();
  return publicReply(`Briefings ${describe(schedule)}`, [
    { type: 'text', text: `This channel gets a briefing ${describe(schedule)}.` },
    { type: 'context', text: `cron "${schedule.cron}" · /schedule off to stop` },
  ]);
}

async function show(ctx: CommandContext) {
  const mine = (await ctx.store.listSchedules()).filter(
    (s) =>
      s.channel.platform === ctx.channel.platform &&
      s.channel.workspace === ctx.channel.workspace &&
      s.channel.channel === ctx.channel.channel,
  );
  if (mine.length === 0) {
    return privateReply('No briefing schedule here.', [
      { type: 'text', text: 'This channel has no briefing schedule.' },
      { type: 'context', text: 'Set one: /schedule set weekdays 08:00 Europe/Berlin' },
    ]);
  }
  const blocks: Block[] = mine.map((s) => ({
    type: 'text',
    text: `Briefing ${describe(s)}${s.paused ? ' (paused: /feeds resume)' : ''}; last sent ${
      s.lastRunAt ? `${s.lastRunAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'never'
    }.`,
  }));
  return publicReply(mine.map(describe).join('; '), blocks);
}

async function off(ctx: CommandContext) {
  requireManage(ctx, 'change the briefing schedule');
  const removed = await ctx.store.deleteSchedules(ctx.channel);
  await ctx.schedulesChanged?.();
  return publicReply(removed > 0 ? 'Schedule off' : 'No schedule', [
    {
      type: 'text',
      text:
        removed > 0
          ? 'Scheduled briefings are off for this channel. /brief still works.'
          : 'This channel had no schedule.',
    },
  ]);
}

/** `/schedule`: set, show or stop this channel's briefing schedule. */
export const schedule = {
  name: 'schedule',
  description:
    "This channel's briefing schedule: set it in words or as cron, with a timezone; show it; or turn it off. Changes need channel-manager rights.",
  options: [
    { name: 'action', description: 'set, show or off', type: 'string', choices: ['set', 'show', 'off'] },
    {
      name: 'when',
      description: 'e.g. "weekdays 08:00", "daily 7am", "0 8 * * 1-5"',
      type: 'string',
      rest: true,
    },
    {
      name: 'timezone',
      description: 'An IANA timezone, e.g. Europe/Berlin (default from the config)',
      type: 'string',
    },
  ],
  examples: [
    '/schedule set weekdays 08:00 Europe/Berlin',
    '/schedule set "0 7 * * *" timezone:UTC',
    '/schedule show',
    '/schedule off',
  ],
  async run(input, ctx) {
    switch (text(input.action) ?? 'show') {
      case 'set':
        return set(input, ctx);
      case 'off':
        return off(ctx);
      default:
        return show(ctx);
    }
  },
} satisfies CommandDefinition;
