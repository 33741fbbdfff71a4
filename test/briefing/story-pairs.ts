import type { StoredArticle } from '../../src/store/port.ts';
import { type ArticleSpec, article, figure } from './builders.ts';

/** Short news items written for this project: pairs from two outlets on one story, and hard negatives. */
type Spec = Omit<ArticleSpec, 'id' | 'feedId'>;

const S = (sentence: string) => sentence;

/** Ten-plus pairs: the same story told by two different outlets. */
export const SAME_STORY: [Spec, Spec][] = [
  [
    {
      title: 'Dockworkers strike shuts Rotterdam port for second day',
      lede: 'Container traffic at Rotterdam halted on Tuesday as 4,000 dockworkers walked out over pay, the FNV union said.',
      orgs: ['FNV'],
      figures: [
        figure(
          '4,000 dockworkers',
          4000,
          'dockworkers',
          S(
            'Container traffic at Rotterdam halted on Tuesday as 4,000 dockworkers walked out over pay, the FNV union said.',
          ),
        ),
      ],
    },
    {
      title: 'Rotterdam port at a standstill as dockworkers extend walkout',
      lede: 'Dockworkers at the port of Rotterdam stayed off the job on Tuesday in a pay dispute led by the FNV union, leaving container ships waiting offshore.',
      orgs: ['FNV'],
    },
  ],
  [
    {
      title: 'Wildfire forces 12,000 to evacuate near Marseille',
      lede: 'A wildfire fanned by strong winds has burned 3,500 hectares of forest north of Marseille, forcing 12,000 residents to leave their homes, the regional prefecture said.',
      figures: [
        figure(
          '3,500 hectares',
          3500,
          'hectares',
          S('A wildfire fanned by strong winds has burned 3,500 hectares of forest north of Marseille.'),
          { about: 'hectares of forest' },
        ),
        figure('12,000 residents', 12000, 'residents', S('It forced 12,000 residents to leave their homes.')),
      ],
    },
    {
      title: 'Firefighters battle Marseille wildfire as residents flee',
      lede: 'Hundreds of firefighters fought a wildfire north of Marseille on Sunday after it burned 3,200 hectares of forest and forced residents to evacuate, officials said.',
      figures: [
        figure(
          '3,200 hectares',
          3200,
          'hectares',
          S('It burned 3,200 hectares of forest and forced residents to evacuate, officials said.'),
          { about: 'hectares of forest' },
        ),
      ],
    },
  ],
  [
    {
      title: 'Bank of Norland raises interest rate to 4.5%',
      lede: 'The Bank of Norland raised its key interest rate by a quarter point to 4.5% on Thursday, citing stubborn inflation.',
      orgs: ['Bank of Norland'],
      figures: [
        figure(
          '4.5%',
          4.5,
          'percent',
          S('The Bank of Norland raised its key interest rate by a quarter point to 4.5% on Thursday.'),
        ),
      ],
    },
    {
      title: 'Norland central bank lifts key rate a quarter point',
      lede: 'Norland’s central bank increased its key interest rate to 4.5 percent on Thursday as inflation stayed above target.',
      orgs: ['Bank of Norland'],
      figures: [
        figure(
          '4.5 percent',
          4.5,
          'percent',
          S('Norland’s central bank increased its key interest rate to 4.5 percent on Thursday.'),
        ),
      ],
    },
  ],
  [
    {
      title: 'Vasquez wins Esteria presidential runoff',
      lede: 'Maria Vasquez won Esteria’s presidential runoff on Sunday with 54% of the vote, the electoral commission said.',
      people: ['Maria Vasquez'],
      orgs: ['electoral commission'],
      figures: [
        figure(
          '54%',
          54,
          'percent',
          S('Maria Vasquez won Esteria’s presidential runoff on Sunday with 54% of the vote.'),
          { about: 'of the vote' },
        ),
      ],
    },
    {
      title: 'Esteria elects Vasquez president after tight runoff',
      lede: 'Voters in Esteria chose Maria Vasquez as president in Sunday’s runoff, giving her 54 percent of the vote over her rival.',
      people: ['Maria Vasquez'],
      figures: [
        figure('54 percent', 54, 'percent', S('Voters gave her 54 percent of the vote over her rival.'), {
          about: 'of the vote',
        }),
      ],
    },
  ],
  [
    {
      title: 'Magnitude 6.1 earthquake strikes northern Tarvia',
      lede: 'A magnitude 6.1 earthquake struck northern Tarvia early on Friday, damaging buildings in the city of Olmek, the national seismology institute said.',
      orgs: ['national seismology institute'],
    },
    {
      title: 'Strong earthquake damages buildings in Tarvia’s Olmek',
      lede: 'Buildings collapsed in Olmek after a strong earthquake hit northern Tarvia before dawn on Friday, rescuers said.',
    },
  ],
  [
    {
      title: 'Helix Motors agrees $8 billion takeover of Brightcell',
      lede: 'Carmaker Helix Motors has agreed to buy battery maker Brightcell for $8 billion, the companies said on Monday.',
      orgs: ['Helix Motors', 'Brightcell'],
      figures: [
        figure(
          '$8 billion',
          8e9,
          'USD',
          S('Helix Motors has agreed to buy battery maker Brightcell for $8 billion.'),
        ),
      ],
    },
    {
      title: 'Brightcell to be bought by Helix Motors in $8bn battery deal',
      lede: 'Battery maker Brightcell will be acquired by Helix Motors in a deal worth $8bn, both firms announced.',
      orgs: ['Brightcell', 'Helix Motors'],
      figures: [
        figure('$8bn', 8e9, 'USD', S('Brightcell will be acquired by Helix Motors in a deal worth $8bn.')),
      ],
    },
  ],
  [
    {
      title: 'Lunar probe Selene-3 lands near moon’s south pole',
      lede: 'The Selene-3 probe touched down near the moon’s south pole on Wednesday, the space agency said.',
      orgs: ['space agency'],
    },
    {
      title: 'Selene-3 touches down at lunar south pole in first for agency',
      lede: 'The agency’s Selene-3 lander reached the lunar south pole on Wednesday, its first landing there.',
    },
  ],
  [
    {
      title: 'Floods close Danube shipping near Vienna',
      lede: 'Shipping on the Danube was suspended around Vienna on Monday after heavy rain pushed river levels to a ten-year high.',
    },
    {
      title: 'Danube shipping halted around Vienna as river floods',
      lede: 'Authorities halted Danube shipping near Vienna after days of heavy rain swelled the river.',
    },
  ],
  [
    {
      title: 'WHO declares end of cholera outbreak in Mirat',
      lede: 'The World Health Organization declared the cholera outbreak in Mirat over on Tuesday after 42 days without a new case.',
      orgs: ['World Health Organization'],
      figures: [
        figure('42 days', 42, 'days', S('The outbreak was declared over after 42 days without a new case.')),
      ],
    },
    {
      title: 'Mirat cholera outbreak is over, World Health Organization says',
      lede: 'Mirat’s cholera outbreak has ended, the World Health Organization said, after 42 days with no new cholera case.',
      orgs: ['World Health Organization'],
      figures: [figure('42 days', 42, 'days', S('It ended after 42 days with no new cholera case.'))],
    },
  ],
  [
    {
      title: 'Cloud outage takes down banking apps across Europe',
      lede: 'Customers of dozens of European banks could not log in to their apps on Thursday after an outage at cloud provider Nimbus.',
      orgs: ['Nimbus'],
    },
    {
      title: 'Banking apps across Europe hit by Nimbus cloud outage',
      lede: 'An outage at cloud provider Nimbus left banking apps across Europe unusable for several hours on Thursday.',
      orgs: ['Nimbus'],
    },
  ],
  [
    {
      title: 'US says 7,000 more Russian troops arrived at Ukraine border',
      lede: 'A senior US official said 7,000 additional Russian troops had arrived near the Ukrainian border in recent days.',
      people: [],
      orgs: [],
      figures: [
        figure(
          '7,000 additional Russian troops',
          7000,
          'troops',
          S(
            'A senior US official said 7,000 additional Russian troops had arrived near the Ukrainian border in recent days.',
          ),
          { about: 'additional Russian troops' },
        ),
      ],
    },
    {
      title: 'Russia adds 5,000 troops near Ukraine border, official says',
      lede: 'Russia has moved about 5,000 more troops close to the Ukrainian border in recent days, a Western official said.',
      figures: [
        figure(
          '5,000 more troops',
          5000,
          'troops',
          S('Russia has moved about 5,000 more troops close to the Ukrainian border in recent days.'),
          { about: 'more troops', qualifier: 'about' },
        ),
      ],
    },
  ],
];

/** Hard negatives: each is paired with an article of SAME_STORY (index) it must NOT join. */
export const DIFFERENT_STORY: { spec: Spec; notWith: number; why: string }[] = [
  {
    why: 'same person, different story',
    notWith: 3,
    spec: {
      title: 'Vasquez unveils budget with pension cuts',
      lede: 'President Maria Vasquez presented a budget on Monday that trims pensions and raises fuel taxes, drawing protests from unions.',
      people: ['Maria Vasquez'],
    },
  },
  {
    why: 'same topic, different event',
    notWith: 4,
    spec: {
      title: 'Magnitude 5.2 earthquake shakes southern Corvia',
      lede: 'A magnitude 5.2 earthquake shook southern Corvia on Saturday, with no immediate reports of damage, the geological survey said.',
      orgs: ['geological survey'],
    },
  },
  {
    why: 'same topic, different port',
    notWith: 0,
    spec: {
      title: 'Antwerp dockworkers strike over automation plans',
      lede: 'Dockworkers in Antwerp walked out on Wednesday to protest plans to automate cargo handling, their union said.',
    },
  },
  {
    why: 'same topic, different fire',
    notWith: 1,
    spec: {
      title: 'Wildfire near Lisbon forces evacuation of villages',
      lede: 'Portuguese authorities evacuated several villages east of Lisbon as a wildfire spread through dry scrubland on Sunday.',
    },
  },
  {
    why: 'same institution, different decision',
    notWith: 2,
    spec: {
      title: 'Bank of Norland warns on household debt',
      lede: 'The Bank of Norland warned in its financial stability report on Tuesday that household debt had reached a record.',
      orgs: ['Bank of Norland'],
    },
  },
  {
    why: 'same company, different story',
    notWith: 5,
    spec: {
      title: 'Helix Motors recalls 30,000 cars over brake fault',
      lede: 'Helix Motors is recalling 30,000 cars because of a faulty brake sensor, the company said on Friday.',
      orgs: ['Helix Motors'],
      figures: [
        figure(
          '30,000 cars',
          30000,
          'cars',
          S('Helix Motors is recalling 30,000 cars because of a faulty brake sensor.'),
        ),
      ],
    },
  },
];

/** Builds the pair `index` as two articles from two feeds. */
export function samePair(index: number, firstId = 1): [StoredArticle, StoredArticle] {
  const [a, b] = SAME_STORY[index] as [Spec, Spec];
  return [
    article({ ...a, id: firstId, feedId: 1, feedName: 'Wire One' }),
    article({ ...b, id: firstId + 1, feedId: 2, feedName: 'Daily Two' }),
  ];
}

/** Every article of the fixture in one window: pairs from feeds 1 and 2, negatives from feed 3. */
export function wholeBatch(): { articles: StoredArticle[]; pairIds: [number, number][] } {
  const articles: StoredArticle[] = [];
  const pairIds: [number, number][] = [];
  SAME_STORY.forEach((_, i) => {
    const pair = samePair(i, 100 + 2 * i);
    articles.push(...pair);
    pairIds.push([pair[0].id, pair[1].id]);
  });
  DIFFERENT_STORY.forEach(({ spec }, i) => {
    articles.push(article({ ...spec, id: 500 + i, feedId: 3, feedName: 'Third Post' }));
  });
  return { articles, pairIds };
}
