import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../src/extract/quotes.ts';
import type { Quote } from '../../src/extract/types.ts';
import { contextOf, quotesOf } from './quote-context.ts';

/** The single quote of the given paragraphs. */
function only(...paragraphs: string[]): Quote {
  const quotes = quotesOf(...paragraphs);
  expect(quotes).toHaveLength(1);
  return quotes[0] as Quote;
}

/** The speaker of each quote, in order. */
function speakers(...paragraphs: string[]): (string | null)[] {
  return quotesOf(...paragraphs).map((q) => q.speaker);
}

describe('attribution after the quote', () => {
  it('given "Q," S said then S speaks', () => {
    const q = only('"The pumps are running again," harbour master Ines Duarte said.');
    expect(q.speaker).toBe('Ines Duarte');
    expect(q.speakerMention).toBe('harbour master Ines Duarte');
  });

  it('given "Q," said S then S speaks', () => {
    expect(only('"The pumps are running again," said Ines Duarte, the harbour master.').speaker).toBe(
      'Ines Duarte',
    );
  });

  it('given "Q," S, an apposition, said then the name before the apposition speaks', () => {
    expect(only('"We expected worse," Tomas Berg, a hydrologist at the Delta Institute, said.').speaker).toBe(
      'Tomas Berg',
    );
  });

  it('given "Q," S told reporters then S speaks', () => {
    expect(only('"Nobody was hurt," fire chief Ola Brenn told reporters.').speaker).toBe('Ola Brenn');
  });

  it('given a question tag "Q?" asked S then S speaks', () => {
    expect(only('"Who will pay for the repairs?" asked councillor Mira Sand.').speaker).toBe('Mira Sand');
  });

  it('given an attribution after "as" then its subject speaks', () => {
    expect(only('She was "shaken but unhurt," as the local paper reported.').speaker).toBe('the local paper');
  });
});

describe('attribution before the quote', () => {
  it('given S said: "Q" then S speaks', () => {
    expect(only('Mira Sand said: "The budget cannot cover this."').speaker).toBe('Mira Sand');
  });

  it('given S said (that) … "Q" then S speaks', () => {
    expect(only('Mira Sand said that the plan was "a costly mistake" for the town.').speaker).toBe(
      'Mira Sand',
    );
  });

  it('given S, who …, declared "Q" then the antecedent of "who" speaks', () => {
    expect(only('It was Mira Sand, who declared the vote "a turning point" for the valley.').speaker).toBe(
      'Mira Sand',
    );
  });

  it('given a reporting verb with no subject of its own then the subject of the clause speaks', () => {
    expect(only('Coach Dan Roe was furious, going so far as to call the tackle "reckless."').speaker).toBe(
      'Dan Roe',
    );
  });

  it('given a passive "described as" with no agent then nobody is invented', () => {
    expect(only('The storm was described as "historic" in the valley.').speaker).toBeNull();
  });

  it('given a passive with "by S" after the quote then S speaks', () => {
    expect(only('The flood was described as "historic" by the weather service.').speaker).toBe(
      'the weather service',
    );
  });
});

describe('according to and possessive bodies', () => {
  it('given "according to S" then S speaks', () => {
    expect(only('The dam is "structurally sound," according to a senior county engineer.').speaker).toBe(
      'a senior county engineer',
    );
  });

  it('given a sentence opening with "According to S," then S frames its quote', () => {
    expect(
      only('According to the county office, the two mayors agreed that "the road must reopen soon."').speaker,
    ).toBe('the county office');
  });

  it("given S's ministry said then the possessive body speaks as written", () => {
    expect(only('"We reject the report," Norway\'s foreign ministry said.').speaker).toBe(
      "Norway's foreign ministry",
    );
  });

  it('given X\'s claims that … "Q" then X asserted the quoted words', () => {
    expect(only('The inspector questioned the firm\'s claims that it was "fully compliant."').speaker).toBe(
      'the firm',
    );
  });
});

describe('carrying a speaker over', () => {
  it('given a quote-only paragraph then it continues the previous speaker', () => {
    expect(
      speakers(
        '"The pumps are running again," harbour master Ines Duarte said.',
        '"We will keep them running all night. Nobody should go near the quay."',
      ),
    ).toEqual(['Ines Duarte', 'Ines Duarte']);
  });

  it('given a second quote in the same paragraph with no tag then it shares the tagged one', () => {
    expect(
      speakers('"The pumps are running again," Ines Duarte said. "We will keep them running all night."'),
    ).toEqual(['Ines Duarte', 'Ines Duarte']);
  });

  it('given a quote-only paragraph after a reported statement then the reporting subject continues', () => {
    expect(
      speakers(
        'The county engineer, speaking on Monday, questioned whether the wall would hold.',
        '"We do not know yet. We need another week of tests."',
      ),
    ).toEqual(['The county engineer']);
  });

  it('given a short unattributed term inside a sentence then it is not carried to anyone', () => {
    expect(
      speakers(
        '"The pumps are running again," Ines Duarte said.',
        'Residents call the quay the "old wall" now.',
      ),
    ).toEqual(['Ines Duarte', null]);
  });
});

describe('carry limits', () => {
  it('given an unattributed quote paragraphs away from the last speaker then nobody is invented', () => {
    expect(
      speakers(
        '"The pumps are running again," Ines Duarte said.',
        'The quay was built in the last century.',
        'It has been repaired many times since then.',
        'Fishing boats still use it every morning.',
        '"Nothing lasts for ever."',
      ),
    ).toEqual(['Ines Duarte', null]);
  });
});

describe('pronouns and roles', () => {
  it('given "she said" after a woman is named as a subject in the same paragraph then she is meant', () => {
    expect(
      speakers(
        '"We will appeal," harbour master Tomas Berg said.',
        'His deputy, Anna Lie, was more cautious. "We will talk first," she said.',
      ),
    ).toEqual(['Tomas Berg', 'Anna Lie']);
  });

  it('given a name in apposition to a role then the name speaks', () => {
    expect(only('The minister, Ada Novak, said "the budget is balanced."').speaker).toBe('Ada Novak');
  });

  it('given a coordinated verb "visited … and said" then the first verb\'s subject speaks', () => {
    expect(only('Ada Novak visited the quay and said it was "in poor shape."').speaker).toBe('Ada Novak');
  });

  it('given "he said" then the last male speaker is meant', () => {
    expect(
      speakers(
        'Mr Tomas Berg, the hydrologist, said the river was falling.',
        '"It will be back to normal by Sunday," he said.',
      ),
    ).toEqual(['Tomas Berg']);
  });

  it('given "she said" after a man spoke then she skips him for the last woman', () => {
    expect(
      speakers(
        'Mrs Ines Duarte said the quay was closed.',
        'Mr Tomas Berg said the river was falling.',
        '"The quay stays closed," she said.',
      ),
    ).toEqual(['Ines Duarte']);
  });

  it('given "the minister said" then the last person introduced as minister speaks', () => {
    expect(
      speakers(
        'Transport Minister Ada Novak visited the bridge on Monday and said repairs would start soon.',
        '"We have the money," the minister said.',
      ),
    ).toEqual(['Ada Novak']);
  });

  it('given "it said" then the last organisation speaks, never a person', () => {
    expect(
      speakers(
        'Tech firm Orbis Inc said on Monday it would cut jobs.',
        '"This was hard," chief executive Maria Gonzalez said.',
        '"Enough," it said in a statement.',
      ),
    ).toEqual(['Maria Gonzalez', 'Orbis Inc']);
  });

  it('given "it said" with only people before then no speaker is invented', () => {
    expect(speakers('"This was hard," Maria Gonzalez said.', '"Enough," it said.')).toEqual([
      'Maria Gonzalez',
      null,
    ]);
  });

  it('given an object relative "a move one trader described as" then the trader speaks, not the move', () => {
    expect(only('Shares rose, a move one trader described as "a relief rally."').speaker).toBe('one trader');
  });

  it('given a pronoun with nobody before it then no speaker is invented', () => {
    expect(speakers('"The water is rising," he said.')).toEqual([null]);
  });
});

describe('canonical names and unnamed sources', () => {
  it('given "Mr Berg" after "Tomas Berg" then the speaker is the full name', () => {
    const quotes = quotesOf(
      'Hydrologist Tomas Berg said the river was falling.',
      '"We expected worse," Mr Berg said.',
    );
    expect(quotes[0]).toMatchObject({ speaker: 'Tomas Berg', speakerMention: 'Mr Berg' });
  });

  it('given an unnamed source then the speaker keeps its description', () => {
    expect(only('"The talks have stalled," a senior union source said.').speaker).toBe(
      'a senior union source',
    );
  });

  it('given "said someone at the meeting" then the indefinite speaker is kept as written', () => {
    expect(only('"This is far too big," said someone at the meeting.').speaker).toBe(
      'someone at the meeting',
    );
  });

  it('given a headline "Name on topic: \'Q\'" then the name speaks', () => {
    const input =
      "Berg on the floods: 'We expected worse'\n\nHydrologist Tomas Berg spoke to the council on Monday.";
    const [q] = extractQuotes(contextOf(input));
    expect(q).toMatchObject({ text: 'We expected worse', speaker: 'Tomas Berg' });
  });
});
