/**
 * Word lists for claim extraction. Kept apart from the shared reporting lexicon because a claim needs more
 * than a speech verb: it needs a verb whose complement is a proposition, and it must know which verbs take
 * a clause ("said that …") and which take an object that is itself disputed ("denied plans to …").
 */

/** Verbs whose complement is a reported clause: "X said (that) …", "X believes …". */
export const CLAUSE_VERBS = new Set([
  'say',
  'tell',
  'claim',
  'allege',
  'insist',
  'argue',
  'believe',
  'admit',
  'warn',
  'state',
  'add',
  'announce',
  'declare',
  'assert',
  'confirm',
  'acknowledge',
  'explain',
  'note',
  'report',
  'reveal',
  'suggest',
  'stress',
  'maintain',
  'contend',
  'predict',
  'estimate',
  'write',
  'agree',
  'concede',
  'reply',
  'respond',
  'think',
  'fear',
  'worry',
  'hope',
  'expect',
  'testify',
  'conclude',
  'find',
  'show',
  'indicate',
  'caution',
  'reiterate',
  'emphasize',
  'emphasise',
  'vow',
  'promise',
  'pledge',
  'boast',
  'complain',
  'counter',
  'speculate',
  'signal',
  'feel',
  'recall',
  'mention',
  'observe',
  'remark',
  'comment',
  'tweet',
  'suspect',
  'assure',
  'reassure',
  'inform',
  'remind',
  'disclose',
  'hint',
  'imply',
  'affirm',
  'forecast',
  'recount',
  'retort',
  'guess',
  'reckon',
  'contend',
]);

/** Verbs that dispute or judge an object; the verb stays in the claim ("dismisses Western fears as …"). */
export const STANCE_VERBS = new Set([
  'deny',
  'dismiss',
  'question',
  'reject',
  'dispute',
  'refute',
  'rebut',
  'contest',
  'doubt',
  'accuse',
  'criticize',
  'criticise',
  'blame',
  'defend',
  'call',
  'describe',
  'hail',
  'vouch',
  'condemn',
  'brand',
  'label',
  'disavow',
  'deride',
  'regard',
  'view',
]);

/** Verbs that name an addressee before the clause: "told reporters (that) …". */
export const ADDRESSEE_VERBS = new Set(['tell', 'assure', 'reassure', 'inform', 'remind', 'warn']);

/** Verbs that report a view when passive with an agent: "is seen by many as …", "described as … by X". */
export const PASSIVE_VIEW_VERBS = new Set([
  'see',
  'regard',
  'view',
  'consider',
  'describe',
  'criticize',
  'criticise',
  'blame',
  'call',
  'dismiss',
  'praise',
  'hail',
  'condemn',
  'brand',
  'label',
  'deny',
  'dispute',
  'question',
  'reject',
  'accuse',
]);

/** Prepositions that let a speech verb take a proposition without a clause: "warned against …". */
export const VERB_PREPOSITIONS: Record<string, Set<string>> = {
  warn: new Set(['against', 'of', 'about']),
  vouch: new Set(['for']),
  complain: new Set(['about', 'of']),
  boast: new Set(['about', 'of']),
  insist: new Set(['on']),
  argue: new Set(['for', 'against']),
  caution: new Set(['against']),
};

/** Nouns that carry an assertion with a holder: "X's allegation that …", "intelligence assessments that …". */
export const CLAIM_NOUNS = new Set([
  'allegation',
  'claim',
  'assertion',
  'statement',
  'warning',
  'denial',
  'insistence',
  'argument',
  'belief',
  'accusation',
  'assessment',
  'suggestion',
  'prediction',
  'promise',
  'pledge',
  'vow',
  'declaration',
  'finding',
  'conclusion',
  'contention',
  'charge',
  'assurance',
  'admission',
  'fear',
]);

/** Words that open a subordinate or coordinated clause: a new attribution after them is not nested. */
export const CLAUSE_LINKS = new Set([
  'and',
  'but',
  'while',
  'although',
  'though',
  'whereas',
  'yet',
  'so',
  'because',
  'as',
]);

/** Complementisers that open a reported clause besides "that". */
export const WH_COMPLEMENTS = new Set(['why', 'how', 'whether', 'what', 'if', 'when', 'where', 'who']);

/** Personal pronouns that point back to a person named earlier. */
export const PERSON_PRONOUNS = new Set(['he', 'she', 'him', 'her', 'his']);

/** Pronouns that point back to a body, a group or a document. */
export const THING_PRONOUNS = new Set(['it', 'they', 'its', 'their', 'them']);

/** Titles and roles that may stand for a person named earlier ("the president", "the coach"). */
export const ROLE_WORDS = new Set([
  'president',
  'minister',
  'chancellor',
  'senator',
  'governor',
  'coach',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'chairman',
  'chairwoman',
  'chair',
  'secretary',
  'mayor',
  'leader',
  'director',
  'ceo',
  'chief',
  'king',
  'queen',
  'pope',
  'judge',
  'premier',
  'general',
  'official',
]);

/** Time words that may stand between a subject and its verb ("Gates on Sunday defended …"). */
export const TEMPORAL_WORDS = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'today',
  'yesterday',
  'tonight',
  'earlier',
  'later',
]);

/** Verbs too common to report without "that" or an auxiliary: "found the building surrounded" is no claim. */
export const WEAK_VERBS = new Set([
  'find',
  'show',
  'indicate',
  'signal',
  'feel',
  'observe',
  'hope',
  'expect',
  'see',
]);
