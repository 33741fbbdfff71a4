import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCron, isValidCron, parseScheduleSpec } from '../../commands/support/schedule-spec.ts';
import { UserError } from '../../commands/types.ts';
import { A1, makeWorld, replyText, type World } from './world.ts';

let world: World;
beforeEach(async () => {
  world = await makeWorld();
});
afterEach(async () => {
  await world.store.close();
});

describe('/schedule', () => {
  it('given "set weekdays 08:00 Europe/Berlin", then a weekday cron in Berlin time is stored and said back in words', async () => {
    const reply = await world.run('/schedule set weekdays 08:00 Europe/Berlin', A1, true);
    const [stored] = await world.store.listSchedules();
    expect(stored).toMatchObject({ cron: '0 8 * * 1-5', timezone: 'Europe/Berlin', channel: A1 });
    expect(replyText(reply)).toContain('weekdays at 08:00 (Europe/Berlin)');
  });

  it('given no timezone, then the configured default applies', async () => {
    await world.run('/schedule set daily 7am', A1, true);
    expect((await world.store.listSchedules())[0]).toMatchObject({ cron: '0 7 * * *', timezone: 'UTC' });
  });

  it('given a cron expression and timezone option, then both are kept', async () => {
    await world.run('/schedule set "30 6 * * 1" timezone:America/New_York', A1, true);
    expect((await world.store.listSchedules())[0]).toMatchObject({
      cron: '30 6 * * 1',
      timezone: 'America/New_York',
    });
  });

  it('given show, then the schedule is described in words', async () => {
    await world.run('/schedule set mon,thu 09:15', A1, true);
    expect(replyText(await world.run('/schedule show', A1))).toContain('Mondays, Thursdays at 09:15 (UTC)');
  });

  it('given off, then the schedule is gone', async () => {
    await world.run('/schedule set daily 08:00', A1, true);
    await world.run('/schedule off', A1, true);
    expect(await world.store.listSchedules()).toEqual([]);
  });

  it('given set without manage rights, then it is refused', async () => {
    await expect(world.run('/schedule set daily 08:00', A1, false)).rejects.toMatchObject({
      identifier: 'needs-manage',
    });
  });

  it.each([
    ['/schedule set weekdays 08:00 Mars/Olympus', 'bad-timezone'],
    ['/schedule set 61 8 * * *', 'bad-cron'],
    ['/schedule set sometimes', 'bad-schedule'],
    ['/schedule set', 'missing-when'],
  ])('given %s, then a UserError %s', async (line, identifier) => {
    await expect(world.run(line, A1, true)).rejects.toMatchObject({ identifier });
    expect(await world.store.listSchedules()).toEqual([]);
  });

  it('given the scheduler is wired, then set and off tell it', async () => {
    let changes = 0;
    const ctx = { ...world.ctx(A1, true), schedulesChanged: async () => void changes++ };
    const { schedule } = await import('../../commands/schedule.ts');
    await schedule.run({ action: 'set', when: 'daily 08:00' }, ctx);
    await schedule.run({ action: 'off' }, ctx);
    expect(changes).toBe(2);
  });
});

describe('schedule words', () => {
  it.each([
    ['weekdays 08:00', '0 8 * * 1-5'],
    ['every day at 7:30', '30 7 * * *'],
    ['weekends 10am', '0 10 * * 0,6'],
    ['friday 5pm', '0 17 * * 5'],
    ['hourly', '0 * * * *'],
    ['every 6 hours', '0 */6 * * *'],
    ['0 8 * * mon-fri', '0 8 * * mon-fri'],
  ])('given "%s", then cron is %s', (words, cron) => {
    expect(parseScheduleSpec(words).cron).toBe(cron);
  });

  it('given cron forms, then they read back in words', () => {
    expect(describeCron('0 8 * * 1-5')).toBe('weekdays at 08:00');
    expect(describeCron('0 */6 * * *')).toBe('every 6 hours');
    expect(describeCron('5 4 1 * *')).toBe('on cron "5 4 1 * *"');
  });

  it('given invalid cron fields, then they are rejected', () => {
    expect(isValidCron('0 24 * * *')).toBe(false);
    expect(isValidCron('0 8 * * 1-9')).toBe(false);
    expect(isValidCron('*/0 8 * * *')).toBe(false);
    expect(isValidCron('0 8 * *')).toBe(false);
    expect(() => parseScheduleSpec('13pm')).toThrow(UserError);
  });
});
