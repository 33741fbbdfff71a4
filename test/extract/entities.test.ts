import { describe, expect, it } from 'vitest';
import { collectEntities } from '../../src/extract/entities.ts';
import { extractQuotes } from '../../src/extract/quotes.ts';
import { articleText, contextOf } from './quote-context.ts';

function entitiesOf(...paragraphs: string[]) {
  const ctx = contextOf(articleText(...paragraphs));
  return collectEntities(ctx, extractQuotes(ctx), []);
}

describe('entities', () => {
  it('given a person named several ways then they are listed once by canonical name', () => {
    const { people } = entitiesOf(
      'Transport Minister Ada Novak opened the bridge.',
      '"It is a good day," Ms Novak said.',
      'Novak then left for the capital.',
    );
    expect(people).toEqual(['Ada Novak']);
  });

  it('given organisations by cue word and acronym then they are listed as organisations', () => {
    const { orgs } = entitiesOf('The Harbour Agency and the IMF met with Eastbridge University staff.');
    expect(orgs).toEqual(['Harbour Agency', 'IMF', 'Eastbridge University']);
  });

  it('given a place after "in" or a country acronym then it is neither a person nor an organisation', () => {
    const { people, orgs } = entitiesOf('The team played in Green Valley, and the US sent observers.');
    expect(people).toEqual([]);
    expect(orgs).toEqual([]);
  });

  it('given a one-word speaker with a title then they are a person', () => {
    const { people } = entitiesOf('"The search goes on," agency chief Soelar said.');
    expect(people).toContain('Soelar');
  });
});
