import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { parseCommandArgs, parseCommandLine, tokenize } from '../../commands/parse-text.ts';
import { UserError } from '../../commands/types.ts';
import { whoSaid } from '../../commands/who-said.ts';

function refusal(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('parseCommandLine', () => {
  it('given /who-said with a positional name and key:value options, then each lands in its option', () => {
    expect(parseCommandLine('/who-said Zelensky topic:russia since:7d', commands)).toEqual({
      command: 'who-said',
      input: { name: 'Zelensky', topic: 'russia', since: '7d' },
    });
  });

  it('given a quoted topic, then the spaces stay inside one value', () => {
    expect(parseCommandLine('/claims "European defense" since:2w', commands)).toEqual({
      command: 'claims',
      input: { topic: 'European defense', since: '2w' },
    });
  });

  it('given a quoted key:value, then the value keeps its spaces', () => {
    expect(parseCommandLine('/who-said Stoltenberg topic:"battle groups"', commands).input).toEqual({
      name: 'Stoltenberg',
      topic: 'battle groups',
    });
  });

  it('given curly quotes as phones type them, then they group words too', () => {
    expect(parseCommandLine('/claims “European defense”', commands).input).toEqual({
      topic: 'European defense',
    });
  });

  it('given a two-word name without quotes, then the rest option takes both words', () => {
    expect(parseCommandLine('/who-said Volodymyr Zelensky since:24h', commands).input).toEqual({
      name: 'Volodymyr Zelensky',
      since: '24h',
    });
  });

  it('given /feeds add with a URL and a mode, then the URL is not mistaken for an option', () => {
    expect(parseCommandLine('/feeds add https://example.com/rss?x=1 each backfill:5', commands)).toEqual({
      command: 'feeds',
      input: { action: 'add', target: 'https://example.com/rss?x=1', mode: 'each', backfill: 5 },
    });
  });

  it('given a schedule in words with a timezone, then all of it reaches the when option', () => {
    expect(parseCommandLine('/schedule set weekdays 08:00 Europe/Berlin', commands).input).toEqual({
      action: 'set',
      when: 'weekdays 08:00 Europe/Berlin',
    });
  });

  it('given a choice in another case, then it is normalised', () => {
    expect(parseCommandLine('/FEEDS LIST', commands)).toEqual({
      command: 'feeds',
      input: { action: 'list' },
    });
  });

  it('given an ISO date for since, then it is accepted', () => {
    expect(parseCommandLine('/figures troops since:2026-11-20', commands).input).toEqual({
      topic: 'troops',
      since: '2026-11-20',
    });
  });

  it('given --help after a command, then it asks /help about that command', () => {
    expect(parseCommandLine('/who-said --help', commands)).toEqual({
      command: 'help',
      input: { command: 'who-said' },
    });
  });

  it('given no slash, then the command is still recognised', () => {
    expect(parseCommandLine('help', commands).command).toBe('help');
  });
});

describe('parseCommandLine refusals', () => {
  it.each([
    ['/figures since:yesterday', 'bad-option', /30m, 24h, 7d or 2w/],
    ['/figures since:0d', 'bad-option', /empty/],
    ['/claims "European defense', 'unbalanced-quote', /never closed/],
    ['/claims topc:russia', 'unknown-option', /no option "topc".*topic:/],
    ['/feeds add https://x.example mode:sometimes', 'bad-option', /digest, each/],
    ['/feeds add https://x.example backfill:lots', 'bad-option', /whole number/],
    ['/figures troops since:7d since:2w', 'repeated-option', /twice/],
    ['/who-said', 'missing-option', /needs a name.*\/who-said name/],
    ['/who-said since:7d', 'missing-option', /needs a name/],
    ['/wosaid Zelensky', 'unknown-command', /no \/wosaid command/],
    ['/brif', 'unknown-command', /Did you mean \/brief\?/],
    ['/help extra words here', 'too-many-values', /did not expect/],
  ])('given %s, then a UserError (%s) says what to type', (line, identifier, message) => {
    const error = refusal(() => parseCommandLine(line, commands));
    expect(error.identifier).toBe(identifier);
    expect(error.message).toMatch(message);
  });
});

describe('parseCommandArgs (Slack text after the command)', () => {
  it('given only the text, then it parses against one definition', () => {
    expect(parseCommandArgs(whoSaid, 'Zelensky topic:russia')).toEqual({ name: 'Zelensky', topic: 'russia' });
  });

  it('given a colon inside a positional value that is not an option name, then it stays a word', () => {
    expect(tokenize('10:30 https://a.example/x')).toEqual([
      { text: '10:30' },
      { text: 'https://a.example/x' },
    ]);
  });
});
