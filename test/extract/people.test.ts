import { describe, expect, it } from 'vitest';
import { canonicalName, findNameMentions, personOrgMentions, stripRoles } from '../../src/extract/people.ts';
import { articleText, contextOf } from './quote-context.ts';

describe('name mentions', () => {
  it('given a titled name then the mention keeps the role apart from the name', () => {
    const ctx = contextOf(articleText('Transport Minister Ada Novak opened the bridge.'));
    const [m] = findNameMentions(ctx.analysis).filter((x) => x.kind === 'person');
    expect(m).toMatchObject({
      text: 'Transport Minister Ada Novak',
      name: 'Ada Novak',
      role: 'transport minister',
    });
    expect(ctx.analysis.input.slice(m?.start, m?.end)).toBe(m?.text);
  });

  it('given an organisation cue word then the run is an organisation', () => {
    const ctx = contextOf(
      articleText('The report came from the University of Eastbridge and the Harbour Agency.'),
    );
    const orgs = personOrgMentions(ctx)
      .filter((m) => m.kind === 'org')
      .map((m) => m.text);
    expect(orgs).toEqual(['University of Eastbridge', 'Harbour Agency']);
  });

  it('given two titled people joined by "and" then they stay two mentions', () => {
    const ctx = contextOf(articleText('Mayor Lena Ortiz and Governor Sam Reyes met on Friday.'));
    const people = personOrgMentions(ctx)
      .filter((m) => m.kind === 'person')
      .map((m) => m.name);
    expect(people).toEqual(['Lena Ortiz', 'Sam Reyes']);
  });

  it('given an ordinary word opening a sentence then it is not a name', () => {
    const ctx = contextOf(articleText('Officials said the road was closed. The officials left.'));
    expect(findNameMentions(ctx.analysis).map((m) => m.text)).not.toContain('Officials');
  });

  it('given a gendered title then the mention carries the gender', () => {
    const ctx = contextOf(articleText('Mrs Ines Duarte and Mr Tomas Berg spoke.'));
    const genders = findNameMentions(ctx.analysis).map((m) => [m.name, m.gender]);
    expect(genders).toEqual([
      ['Ines Duarte', 'f'],
      ['Tomas Berg', 'm'],
    ]);
  });
});

describe('canonical names', () => {
  const ctx = contextOf(
    articleText(
      'Alliance Secretary-General Jens Halvorsen said the talks would go on.',
      'Mr Halvorsen later met Defence Minister Karin Dahl.',
    ),
  );

  it('given a title and surname then the fullest form the article gave is the canonical name', () => {
    expect(canonicalName('Mr Halvorsen', ctx)).toBe('Jens Halvorsen');
    expect(canonicalName('Halvorsen', ctx)).toBe('Jens Halvorsen');
  });

  it('given the full mention with its role then the role is stripped', () => {
    expect(canonicalName('Alliance Secretary-General Jens Halvorsen', ctx)).toBe('Jens Halvorsen');
  });

  it('given a possessive then it is dropped', () => {
    expect(canonicalName("Halvorsen's", ctx)).toBe('Jens Halvorsen');
  });

  it('given an unknown name or a description then it comes back as written', () => {
    expect(canonicalName('a senior union source', ctx)).toBe('a senior union source');
    expect(canonicalName('Pia Lund', ctx)).toBe('Pia Lund');
  });

  it('given an organisation with a role-like word then it keeps its whole name', () => {
    expect(stripRoles('Harbour General Assembly')).toBe('Harbour General Assembly');
  });

  it('given relatives sharing a surname then the bare surname is the one introduced first', () => {
    const family = contextOf(
      articleText(
        'Hal Morrow founded the firm.',
        'His wife, Fran Morrow, said it was hard.',
        'Morrow wrote code.',
      ),
    );
    expect(canonicalName('Morrow', family)).toBe('Hal Morrow');
    expect(canonicalName('Fran', family)).toBe('Fran Morrow');
  });
});
