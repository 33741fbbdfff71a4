import { describe, expect, it } from 'vitest';
import type { SourceLink } from '../../src/briefing/blocks.ts';
import { claimDisputes, figureDisputes, sameQuantity, valuesDisagree } from '../../src/briefing/disputes.ts';
import { claim, figure } from './builders.ts';

const wire: SourceLink = { title: 'Troops arrive', url: 'https://wire.example/1', feedName: 'Wire One' };
const daily: SourceLink = { title: 'More troops', url: 'https://daily.example/2', feedName: 'Daily Two' };

const troops = (text: string, value: number, extra = {}) =>
  figure(text, value, 'troops', `Officials said ${text} had arrived.`, extra);

describe('figureDisputes', () => {
  it('given "7,000 troops" and "5,000 troops" from two sources, then one dispute shows both sides', () => {
    const blocks = figureDisputes([
      {
        figure: troops('7,000 additional troops', 7000, { about: 'additional troops' }),
        source: wire,
        sourceKey: 'a',
      },
      { figure: troops('5,000 troops', 5000), source: daily, sourceKey: 'b' },
    ]);
    expect(blocks).toHaveLength(1);
    const dispute = blocks[0];
    if (dispute?.type !== 'dispute') throw new Error('expected a dispute');
    expect(dispute.sides.map((s) => s.label)).toEqual(['Wire One', 'Daily Two']);
    expect(dispute.sides[0]?.text).toContain('7,000 additional troops');
    expect(dispute.sides[1]?.text).toContain('5,000 troops');
  });

  it('given two contradicting figures from one source, then the closer one is its side', () => {
    const blocks = figureDisputes([
      { figure: troops('41,000 troops', 41000), source: wire, sourceKey: 'a' },
      { figure: troops('25 troops', 25), source: daily, sourceKey: 'b' },
      { figure: troops('45,000 troops', 45000), source: daily, sourceKey: 'b' },
    ]);
    expect(blocks).toHaveLength(1);
    const dispute = blocks[0];
    if (dispute?.type !== 'dispute') throw new Error('expected a dispute');
    expect(dispute.sides.map((s) => s.text)).toEqual([
      'Officials said 41,000 troops had arrived.',
      'Officials said 45,000 troops had arrived.',
    ]);
  });

  it('given values 4 % apart, then nothing is flagged', () => {
    expect(
      figureDisputes([
        { figure: troops('10,000 troops', 10000), source: wire, sourceKey: 'a' },
        { figure: troops('10,400 troops', 10400), source: daily, sourceKey: 'b' },
      ]),
    ).toEqual([]);
  });

  it('given values 6 % apart, then they are flagged', () => {
    expect(
      figureDisputes([
        { figure: troops('10,000 troops', 10000), source: wire, sourceKey: 'a' },
        { figure: troops('10,600 troops', 10600), source: daily, sourceKey: 'b' },
      ]),
    ).toHaveLength(1);
  });

  it('given different figures from the same source, then they are not a dispute', () => {
    expect(
      figureDisputes([
        { figure: troops('7,000 troops', 7000), source: wire, sourceKey: 'a' },
        { figure: troops('5,000 troops', 5000), source: wire, sourceKey: 'a' },
      ]),
    ).toEqual([]);
  });

  it('given different units, then they are not compared', () => {
    expect(
      figureDisputes([
        { figure: troops('7,000 troops', 7000), source: wire, sourceKey: 'a' },
        { figure: figure('5,000 tanks', 5000, 'tanks', 'About 5,000 tanks.'), source: daily, sourceKey: 'b' },
      ]),
    ).toEqual([]);
  });

  it('given the same unit counting different things, then they are not compared', () => {
    const border = troops('100,000 troops along the border', 100000, { about: 'troops along the border' });
    const arrived = troops('7,000 additional troops', 7000, { about: 'additional troops' });
    expect(sameQuantity(border, arrived)).toBe(false);
    expect(
      figureDisputes([
        { figure: border, source: wire, sourceKey: 'a' },
        { figure: arrived, source: daily, sourceKey: 'b' },
      ]),
    ).toEqual([]);
  });
});

describe('sameQuantity for measures (money, time) that name no counted noun', () => {
  const usd = (text: string, value: number, sentence: string, about?: string) =>
    figure(text, value, 'USD', sentence, about ? { about } : {});

  it('given "$4.2bn fund" and "the bill would reach $9 billion", then they are different sums', () => {
    const fund = usd('$4.2 billion', 4.2e9, 'Ministers agreed a $4.2 billion fund for ports.', 'fund');
    const bill = usd('$9 billion', 9e9, 'An economist said the bill would reach $9 billion by 2030.');
    expect(sameQuantity(fund, bill)).toBe(false);
  });

  it('given two durations about different things, then they are not compared', () => {
    const talks = figure('two days', 2, 'days', 'The deal came after two days of talks in Lisbon.', {
      about: 'days',
    });
    const delay = figure('11 days', 11, 'days', 'Delays had added about 11 days to a typical voyage.', {
      about: 'days',
    });
    expect(sameQuantity(talks, delay)).toBe(false);
  });

  it('given the same sum described in the same words, then they are compared', () => {
    const a = usd('$4 billion', 4e9, 'The tunnel cost $4 billion to build, officials said.');
    const b = usd('$5 billion', 5e9, 'Auditors put the tunnel cost at $5 billion in total.');
    expect(sameQuantity(a, b)).toBe(true);
    expect(
      figureDisputes([
        { figure: a, source: wire, sourceKey: 'a' },
        { figure: b, source: daily, sourceKey: 'b' },
      ]),
    ).toHaveLength(1);
  });
});

describe('valuesDisagree', () => {
  it('given "more than 100,000" and 120,000, then they agree', () => {
    expect(
      valuesDisagree(
        troops('more than 100,000', 100000, { qualifier: 'more than' }),
        troops('120,000', 120000),
      ),
    ).toBe(false);
  });

  it('given "more than 100,000" and 80,000, then they disagree', () => {
    expect(
      valuesDisagree(
        troops('more than 100,000', 100000, { qualifier: 'more than' }),
        troops('80,000', 80000),
      ),
    ).toBe(true);
  });

  it('given "up to 5,000" and 4,000, then they agree', () => {
    expect(valuesDisagree(troops('up to 5,000', 5000, { qualifier: 'up to' }), troops('4,000', 4000))).toBe(
      false,
    );
  });

  it('given a vague amount, then nothing is claimed either way', () => {
    expect(valuesDisagree(figure('thousands', null, 'troops', 'thousands'), troops('4,000', 4000))).toBe(
      false,
    );
  });
});

describe('claimDisputes', () => {
  // Sentences from the seed article (ours).
  const usSentence =
    'According to a senior US source, Russia\'s allegation that it is pulling soldiers away from the Ukrainian border is "false," adding that 7,000 additional troops had arrived in recent days.';
  const moscowSentence =
    'Following the end of military drills, Moscow claims it will move soldiers away from the Ukrainian border.';
  const us = claim(
    'a senior US source',
    'Russia\'s allegation that it is pulling soldiers away from the Ukrainian border is "false,"',
    usSentence,
  );
  const moscow = claim('Moscow', 'it will move soldiers away from the Ukrainian border', moscowSentence);
  const unrelated = claim(
    'Jens Stoltenberg',
    'France had volunteered to command one of these fighting groups in Romania',
    'He said that France had volunteered to command one of these fighting groups in Romania.',
  );

  it('given a denial and the claim it denies, then both claimants appear side by side', () => {
    const blocks = claimDisputes([
      { claim: moscow, source: wire, sourceKey: 'a' },
      { claim: us, source: wire, sourceKey: 'a' },
      { claim: unrelated, source: wire, sourceKey: 'a' },
    ]);
    expect(blocks).toHaveLength(1);
    const dispute = blocks[0];
    if (dispute?.type !== 'dispute') throw new Error('expected a dispute');
    expect(dispute.sides.map((s) => s.label).sort()).toEqual(['Moscow', 'a senior US source']);
    expect(dispute.topic).toBe(moscow.claim);
    expect(dispute.sides.find((s) => s.label === 'Moscow')?.text).toBe(moscow.claim);
  });

  it("given the seed's claims, then Moscow's assertion stands beside the denials that repeat it, and unrelated denials stay out", () => {
    const at = (c: typeof us) => ({ claim: c, source: wire, sourceKey: 'a' });
    const insider = claim(
      'insider',
      'Russia may attack Ukraine "at any time" on a "false" pretext',
      'The insider further stated that Russia may attack Ukraine "at any time" on a "false" pretext.',
    );
    const russia = claim(
      'Russia',
      'denied plans to attack Ukraine while amassing more than 100,000 troops along the border',
      'Russia, which has consistently denied plans to attack Ukraine while amassing more than 100,000 troops along the border, dismisses Western fears.',
    );
    const whiteHouse = claim(
      'a senior White House official',
      'questioned Russia\'s claims that it was "withdrawing forces from the Ukrainian border."',
      'The US official questioned Russia\'s claims that it was "withdrawing forces from the Ukrainian border."',
    );
    const [dispute, ...rest] = claimDisputes([us, insider, moscow, russia, whiteHouse, unrelated].map(at));
    expect(rest).toEqual([]);
    if (dispute?.type !== 'dispute') throw new Error('expected a dispute');
    expect(dispute.sides.map((side) => side.label)).toEqual([
      'Moscow',
      'a senior US source',
      'a senior White House official',
    ]);
  });

  it('given claims that agree, then nothing is flagged', () => {
    expect(
      claimDisputes([
        { claim: moscow, source: wire, sourceKey: 'a' },
        { claim: unrelated, source: daily, sourceKey: 'b' },
      ]),
    ).toEqual([]);
  });

  it('given disputing claimants from two sources, then each side names its source', () => {
    const blocks = claimDisputes([
      { claim: moscow, source: wire, sourceKey: 'a' },
      { claim: us, source: daily, sourceKey: 'b' },
    ]);
    const dispute = blocks[0];
    if (dispute?.type !== 'dispute') throw new Error('expected a dispute');
    expect(dispute.sides.map((s) => s.label)).toContain('Moscow (Wire One)');
  });
});
