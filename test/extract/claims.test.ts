import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle, parseTextArticle } from '../../src/extract/index.ts';
import type { Claim } from '../../src/extract/types.ts';
import { ROOT } from '../helpers/cli.ts';

function claimsOf(body: string, title = 'Local news from the county desk'): Claim[] {
  return extractArticle(parseTextArticle(`${title}\n\n${body}`)).claims;
}

function only(body: string): Claim {
  const claims = claimsOf(body);
  expect(claims).toHaveLength(1);
  return claims[0] as Claim;
}

describe('reporting verbs', () => {
  it('given "X said that …" then the clause after "that" is the claim and X the claimant', () => {
    const claim = only('Transport minister Ada Novak said that the bridge would reopen in May.');
    expect(claim.claimant).toBe('Ada Novak');
    expect(claim.claim).toBe('the bridge would reopen in May');
  });

  it('given "X said …" without "that" then the reported clause is still the claim', () => {
    const claim = only('Ada Novak said the bridge would reopen in May.');
    expect(claim.claim).toBe('the bridge would reopen in May');
  });

  it('given "X told reporters …" then the addressee is not part of the claim', () => {
    const claim = only('Ada Novak told reporters the bridge was safe for heavy lorries.');
    expect(claim.claimant).toBe('Ada Novak');
    expect(claim.claim).toBe('the bridge was safe for heavy lorries');
  });

  it('given a postposed tag "…, the ministry said" then the clause before it is the claim', () => {
    const claim = only('The bridge will reopen in May after repairs, the transport ministry said.');
    expect(claim.claimant).toBe('transport ministry');
    expect(claim.claim).toBe('The bridge will reopen in May after repairs');
  });

  it('given an inverted tag "…, said X" then X is the claimant', () => {
    const claim = only('The repairs will cost less than planned, said Ada Novak, the transport minister.');
    expect(claim.claimant).toBe('Ada Novak');
    expect(claim.claim).toBe('The repairs will cost less than planned');
  });

  it('given an appositive between subject and verb then the subject is the claimant', () => {
    const claim = only('Ada Novak, the transport minister, said the bridge was safe.');
    expect(claim.claimant).toBe('Ada Novak');
  });

  it('given "he said" then the pronoun resolves to the person last named as a source', () => {
    const claims = claimsOf(
      'Ada Novak said the bridge was safe. She added that traffic would be light in June.',
    );
    expect(claims.map((c) => c.claimant)).toEqual(['Ada Novak', 'Ada Novak']);
  });

  it('given a surname after the full name then the claimant is the full name', () => {
    const claims = claimsOf('Ada Novak opened the bridge on Monday.\n\nNovak said the tolls would stay low.');
    expect(claims.map((c) => c.claimant)).toEqual(['Ada Novak']);
  });

  it('given "the insider" after an unnamed source then the claimant is that source', () => {
    const claims = claimsOf(
      'According to a senior police source, the suspect fled north.\n\nThe insider further stated that the car was found.',
    );
    expect(claims.map((c) => c.claimant)).toEqual(['a senior police source', 'a senior police source']);
  });

  it('given "…, adding that …" then the sentence holds two claims by the same claimant', () => {
    const claims = claimsOf(
      'Ada Novak said the bridge was safe, adding that the inspection had found no cracks.',
    );
    expect(claims.map((c) => c.claim)).toEqual(['the bridge was safe', 'the inspection had found no cracks']);
    expect(claims.map((c) => c.claimant)).toEqual(['Ada Novak', 'Ada Novak']);
  });

  it('given a belief verb then the belief is a claim', () => {
    const claim = only('Local engineers believe the old pillars will last another decade.');
    expect(claim.claimant).toBe('Local engineers');
    expect(claim.claim).toBe('the old pillars will last another decade');
  });

  it('given "X is said to believe …" then X holds the belief', () => {
    const claim = only('The governor is said to believe that the new tax will pass easily.');
    expect(claim.claimant).toBe('governor');
    expect(claim.claim).toBe('the new tax will pass easily');
  });

  it('given "papers show that …" then the papers are the claimant', () => {
    const claim = only('Court papers show that the company paid the fine in full.');
    expect(claim.claimant).toBe('Court papers');
    expect(claim.claim).toBe('the company paid the fine in full');
  });

  it('given a phrase between the verb and its clause then the clause alone is the claim', () => {
    expect(only('The company said in a statement it expected profits to rise.').claim).toBe(
      'it expected profits to rise',
    );
    expect(only('Police said Tuesday the suspect had fled the country.').claim).toBe(
      'the suspect had fled the country',
    );
  });

  it('given a subject with a prepositional complement then the whole description is the claimant', () => {
    const claim = only('A spokesperson for the ministry confirmed that two soldiers had been wounded.');
    expect(claim.claimant).toBe('A spokesperson for the ministry');
  });

  it('given a participle after the main clause then the subject of the sentence holds its claim', () => {
    const claim = only('The mayor was furious on Monday, saying that the budget had been cut in secret.');
    expect(claim.claimant).toBe('mayor');
    expect(claim.claim).toBe('the budget had been cut in secret');
  });

  it('given a name before a description in a postposed tag then the name is the claimant', () => {
    const claim = only(
      'The tide will turn by noon, Lena Okoro, a harbour pilot at the port of Kestrel, told reporters.',
    );
    expect(claim.claimant).toBe('Lena Okoro');
    expect(claim.claim).toBe('The tide will turn by noon');
  });

  it('given a forecast "X expect Y to …" then Y and its infinitive are the claim', () => {
    const claim = only('Most analysts expect fuel prices to stay high through the winter.');
    expect(claim.claimant).toBe('Most analysts');
    expect(claim.claim).toBe('fuel prices to stay high through the winter');
  });

  it('given a pledge with an infinitive then the commitment is the claim', () => {
    const claim = only('The council has pledged to cut bus fares by a third.');
    expect(claim.claim).toBe('pledged to cut bus fares by a third');
  });
});

describe('according to', () => {
  it('given "According to X, …" in front then the rest of the sentence is the claim', () => {
    const claim = only('According to the regional water board, the reservoir is half empty.');
    expect(claim.claimant).toBe('regional water board');
    expect(claim.claim).toBe('the reservoir is half empty');
  });

  it('given "…, according to X" behind then the clause before it is the claim', () => {
    const claim = only('The reservoir is half empty, according to the regional water board.');
    expect(claim.claimant).toBe('regional water board');
    expect(claim.claim).toBe('The reservoir is half empty');
  });

  it('given an unnamed source then its description is kept as the claimant', () => {
    const claim = only('According to a senior police source, the suspect fled north before dawn.');
    expect(claim.claimant).toBe('a senior police source');
  });
});

describe('negation, dispute and assertion nouns', () => {
  it('given "X denied that …" then the denial stays in the claim', () => {
    const claim = only('The company denied that it had hidden the losses from investors.');
    expect(claim.claim).toBe('denied that it had hidden the losses from investors');
  });

  it('given "X dismissed Y as …" then the dismissal stays in the claim', () => {
    const claim = only('The mayor dismissed the audit as "pure fiction."');
    expect(claim.claimant).toBe('mayor');
    expect(claim.claim).toContain('dismissed the audit as');
  });

  it('given "X questioned Y\'s claim that …" then one disputing claim is found, not two', () => {
    const claim = only("Analysts questioned the bank's claim that profits would double next year.");
    expect(claim.claimant).toBe('Analysts');
    expect(claim.claim).toBe("questioned the bank's claim that profits would double next year");
  });

  it('given "X rejected claims that …" then the rejection is a claim', () => {
    const claim = only('The club rejected claims that it had broken the spending rules.');
    expect(claim.claimant).toBe('club');
    expect(claim.claim).toBe('rejected claims that it had broken the spending rules');
  });

  it('given "X\'s allegation that …" then X holds the alleged proposition', () => {
    const claim = only("The union's allegation that the mine was unsafe prompted a new inspection.");
    expect(claim.claimant).toBe('union');
    expect(claim.claim).toBe('the mine was unsafe prompted a new inspection');
  });

  it('given a passive with an agent then the agent holds the view', () => {
    const claim = only('The plan has been described as "reckless" by the opposition leader.');
    expect(claim.claimant).toBe('opposition leader');
    expect(claim.claim).toBe('The plan has been described as "reckless"');
  });

  it('given a partial quote worked into a reported clause then it is a claim', () => {
    const claim = only('Ada Novak said the delays were "regrettable but unavoidable" this spring.');
    expect(claim.claim).toBe('the delays were "regrettable but unavoidable" this spring');
  });
});

describe('headlines', () => {
  it('given a headline attribution "…, police say" then the headline holds a claim', () => {
    const claims = claimsOf(
      'The road was closed for six hours overnight.',
      'Crash was caused by ice, police say',
    );
    expect(claims).toHaveLength(1);
    expect(claims[0]?.claimant).toBe('police');
    expect(claims[0]?.claim).toBe('Crash was caused by ice');
  });
});

describe('what is not a claim', () => {
  it('given a full-sentence quote with a "he said" tag then there is no claim', () => {
    expect(claimsOf('"The bridge is perfectly safe," Ada Novak said.')).toEqual([]);
    expect(claimsOf('"The bridge is perfectly safe," said Ada Novak.')).toEqual([]);
    expect(claimsOf('Ada Novak said: "The bridge is perfectly safe."')).toEqual([]);
  });

  it('given a quote running over two sentences with a tag on the second then there is no claim', () => {
    expect(claimsOf('"We checked every bolt. Nothing was loose," Ada Novak said.')).toEqual([]);
  });

  it("given the reporter's own narration then there is no claim", () => {
    expect(claimsOf('The bridge opened in 1962 and carries 40,000 cars a day across the river.')).toEqual([]);
  });

  it('given speech verbs used for actions and objects then there is no claim', () => {
    expect(claimsOf('She added salt to the soup and stirred it slowly.')).toEqual([]);
    expect(claimsOf('The documentary tells the story of a pilot who loses her way.')).toEqual([]);
    expect(claimsOf('He said nothing when the verdict was read out.')).toEqual([]);
    expect(claimsOf('He wrote a letter to the council explaining that the road was unsafe.')).toEqual([]);
  });

  it('given requests and directives then there is no claim', () => {
    expect(claimsOf('The mayor asked the council to publish every contract.')).toEqual([]);
    expect(claimsOf('Ada Novak told engineers to close the bridge at night.')).toEqual([]);
    expect(claimsOf('The police urged drivers to avoid the area.')).toEqual([]);
  });

  it('given a passive with no holder then there is no claim', () => {
    expect(claimsOf('The driver was suspected of speeding on the bridge.')).toEqual([]);
    expect(claimsOf('The bridge is expected to reopen in May.')).toEqual([]);
  });

  it('given a negated reporting verb then there is no claim', () => {
    expect(claimsOf('Ada Novak did not say whether the bridge would reopen.')).toEqual([]);
  });

  it('given a reporting verb with a mere object then there is no claim', () => {
    expect(claimsOf('Ada Novak announced the closure of the bridge.')).toEqual([]);
  });

  it('given a stance verb whose object is an act, not a proposition, then there is no claim', () => {
    expect(claimsOf('The court rejected the appeal on Friday.')).toEqual([]);
    expect(claimsOf('The champions defended the title in the final.')).toEqual([]);
  });

  it('given a quote in single curly marks with a tag then there is no claim', () => {
    expect(claimsOf('‘We will not give up the fight,’ the coach said.')).toEqual([]);
  });

  it('given a reporting verb inside quotation marks then it belongs to the quote', () => {
    expect(claimsOf('"I think the bridge will last," Ada Novak said.')).toEqual([]);
  });
});

describe('the seed article end to end', () => {
  const input = readFileSync(resolve(ROOT, 'test/fixtures/seed.txt'), 'utf8');
  const claims = extractArticle(parseTextArticle(input)).claims;

  it('given the seed then a senior US source calls Russia\'s withdrawal claim "false"', () => {
    const claim = claims.find((c) => c.claim.includes('pulling soldiers away'));
    expect(claim?.claimant).toBe('a senior US source');
    expect(claim?.claim).toContain('"false,"');
    expect(claim?.claim).not.toContain('According to');
  });

  it('given the seed then Moscow claims it will move soldiers away', () => {
    const claim = claims.find((c) => c.claimant === 'Moscow');
    expect(claim?.claim).toBe('it will move soldiers away from the Ukrainian border');
  });

  it('given the seed then Russia denies plans to attack', () => {
    const claim = claims.find(
      (c) => c.claimant === 'Russia' && c.claim.startsWith('denied plans to attack Ukraine'),
    );
    expect(claim).toBeDefined();
  });

  it('given the seed then pronouns after Mr Stoltenberg resolve to Jens Stoltenberg', () => {
    const france = claims.find((c) => c.claim.startsWith('France had volunteered'));
    expect(france?.claimant).toBe('Jens Stoltenberg');
  });
});
