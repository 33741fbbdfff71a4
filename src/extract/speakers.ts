import type { Token } from './nlp.ts';
import { ASSERTION_NOUNS, REPORTING_VERBS, SPEECH_VERBS } from './reporting.ts';

/** A noun phrase that names who speaks, as a token range [first, last]. */
export interface SpeakerPhrase {
  first: number;
  last: number;
  /** The phrase is a personal pronoun (he, she, they ...) to resolve against earlier mentions. */
  pronoun: boolean;
}

/** The token-level view attribution works on: tokens, and which of them lie inside quotation marks. */
export interface AttributionView {
  tokens: Token[];
  /** For each token: true when it is inside (or is) a quotation mark of an outer quote. */
  quoted: boolean[];
  /** For each token: the paragraph it belongs to. */
  paragraphOf: number[];
  /** For each token: the first and last token of its paragraph. */
  paragraphFirst: number[];
  paragraphLast: number[];
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i']);
/** Pronouns that stand for an unnamed speaker ("said someone at the meeting"). */
const INDEFINITES = new Set([
  'someone',
  'somebody',
  'one',
  'another',
  'anyone',
  'everyone',
  'nobody',
  'others',
]);
/** Verbs that frame quoted words without being reporting verbs of assertion ("speak bluntly", "call it"). */
const FRAMING_VERBS = new Set(['speak', 'talk', 'describe', 'call', 'label', 'characterize', 'characterise']);
/** Tokens that may follow a speech verb mis-tagged as a noun ("the report states: ..."). */
const AFTER_SPEECH = /^(?::|,|that|["“”'‘’])$/;
const RELATIVES = new Set(['who', 'which', 'that']);
const NP_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM', 'PART']);
const SKIP_BEFORE_VERB = new Set(['ADV', 'AUX', 'PART']);
const BE_FORMS = new Set(['is', 'was', 'were', 'are', 'be', 'been', 'being', "'s", '’s']);
const SENTENCE_END = new Set(['.', '!', '?']);
/** Prepositions that stay inside a speaker phrase ("a spokesman for the ministry"). */
const LINKS = new Set(['of', 'for', 'at']);
const QUOTE_MARK = /^["“”„'‘’«»]+$/;
/** Words a speaker phrase never ends on. */
const NOT_HEADS = new Set(['the', 'a', 'an', 'this', 'that', "'s", '’s', 'of']);

/** Every lemma isReportingVerb accepts, in one set: it is asked about most verbs and nouns of an article. */
const ATTRIBUTING = new Set([...SPEECH_VERBS, ...REPORTING_VERBS, ...FRAMING_VERBS]);

/** Reporting verbs strong enough to attribute quoted words. */
export function isReportingVerb(t: Token, next?: Token): boolean {
  if (t.pos !== 'VERB' && t.pos !== 'AUX' && t.pos !== 'NOUN') return false;
  if (!ATTRIBUTING.has(t.lemma)) return false;
  if (t.pos === 'VERB' || t.pos === 'AUX') return true;
  // The tagger sometimes reads "states", "says" as plural nouns; a colon or quote after them says otherwise.
  return t.pos === 'NOUN' && /s$/.test(t.lower) && next !== undefined && AFTER_SPEECH.test(next.lower);
}

/** True when the verb at `verb` is passive ("was described as"): it has no speaking subject before it. */
export function isPassive(view: AttributionView, verb: number, floor: number): boolean {
  for (let k = verb - 1; k >= floor; k--) {
    const t = view.tokens[k] as Token;
    if (BE_FORMS.has(t.lower)) return /(ed|en|wn)$/.test((view.tokens[verb] as Token).lower);
    if (t.pos !== 'ADV' && t.pos !== 'PART') return false;
  }
  return false;
}

const isPunct = (t: Token) => t.pos === 'PUNCT' || t.pos === 'SYM';
const CLOSED_CLASS = new Set(['PRON', 'DET', 'CCONJ', 'SCONJ', 'ADP', 'AUX', 'PUNCT', 'SYM', 'PART']);
/** A capitalised word the tagger mislabelled ("Josh/VERB Earnest"): inside a name it is still a name. */
const isNameWord = (t: Token) => /^\p{Lu}\p{Ll}/u.test(t.text) && !CLOSED_CLASS.has(t.pos);

/** True when token `i` ends a sentence outside quotation marks (a full stop, not an abbreviation). */
export function endsSentence(view: AttributionView, i: number): boolean {
  const t = view.tokens[i] as Token;
  if (view.quoted[i] || !SENTENCE_END.has(t.text)) return false;
  return true;
}

/**
 * The noun phrase that ends at token `last` (walking left): "Ukrainian President Volodymyr Zelensky",
 * "a senior US source", "Russia's foreign ministry", "he". Null when the words there are not a noun phrase.
 */
export function phraseEndingAt(view: AttributionView, last: number, floor: number): SpeakerPhrase | null {
  const { tokens } = view;
  const end = tokens[last];
  if (!end || view.quoted[last]) return null;
  if (end.pos === 'PRON') {
    return PRONOUNS.has(end.lower) ? { first: last, last, pronoun: true } : null;
  }
  if (end.pos !== 'PROPN' && end.pos !== 'NOUN' && !/^\p{Lu}/u.test(end.text)) return null;
  let first = last;
  for (let k = last - 1; k >= floor; k--) {
    const t = tokens[k] as Token;
    if (view.quoted[k]) break;
    const glued = t.end === (tokens[k + 1] as Token).start;
    if ((NP_POS.has(t.pos) || isNameWord(t)) && t.lower !== 'to' && t.lower !== 'not') {
      // "a move one trader described": a noun before a determiner or number belongs to another phrase.
      const right = tokens[k + 1] as Token;
      if ((t.pos === 'NOUN' || t.pos === 'PROPN') && (right.pos === 'DET' || right.pos === 'NUM')) break;
      first = k;
      if (t.pos !== 'DET') continue;
      // "Joost van Hoof of the Netherlands' ...": a determiner after "of" does not end the phrase.
      const of = tokens[k - 1];
      if (
        k - 2 >= floor &&
        LINKS.has(of?.lower ?? '') &&
        /^(PROPN|NOUN)$/.test((tokens[k - 2] as Token).pos)
      ) {
        k--;
        continue;
      }
      break;
    }
    // "Netherlands’ Fontys": a possessive apostrophe glued to a plural.
    if (/^['’]$/.test(t.text) && k > floor && (tokens[k - 1] as Token).end === t.start) continue;
    // "Pakistan-based developer": a hyphenated modifier.
    const hyphen = tokens[k - 1];
    if (t.pos === 'VERB' && k - 2 >= floor && hyphen?.text === '-' && hyphen.end === t.start) {
      first = k;
      continue;
    }
    // "Secretary-General", "U.S.-based": punctuation glued inside a word.
    if (
      glued &&
      (t.text === '-' || t.text === '.') &&
      k > floor &&
      (tokens[k - 1] as Token).end === t.start
    ) {
      continue;
    }
    // "University of Western Australia", "a spokesman for the ministry", "an analyst at the bank".
    if (LINKS.has(t.lower) && k > floor && /^(PROPN|NOUN)$/.test((tokens[k - 1] as Token).pos)) continue;
    break;
  }
  while (first < last && /^[-.]$/.test((tokens[first] as Token).text)) first++;
  if (NOT_HEADS.has(end.lower)) return null;
  return { first, last, pronoun: false };
}

/** The noun phrase that starts at token `first` (walking right), as after "said" or "according to". */
export function phraseStartingAt(
  view: AttributionView,
  first: number,
  ceiling: number,
): SpeakerPhrase | null {
  const { tokens } = view;
  const start = tokens[first];
  if (!start || view.quoted[first]) return null;
  if (start.pos === 'PRON' || INDEFINITES.has(start.lower)) {
    if (PRONOUNS.has(start.lower)) return { first, last: first, pronoun: true };
    if (!INDEFINITES.has(start.lower)) return null;
    // "someone at the meeting", "another person": keep one following noun or place phrase.
    const next = tokens[first + 1];
    if (next && next.pos === 'NOUN' && !view.quoted[first + 1])
      return { first, last: first + 1, pronoun: false };
    if (next && next.pos === 'ADP' && first + 2 <= ceiling) {
      const tail = phraseStartingAt(view, first + 2, ceiling);
      if (tail && !tail.pronoun) return { first, last: tail.last, pronoun: false };
    }
    return { first, last: first, pronoun: false };
  }
  let last = first - 1;
  for (let k = first; k <= ceiling; k++) {
    const t = tokens[k] as Token;
    if (view.quoted[k]) break;
    const prev = tokens[k - 1] as Token;
    const next = tokens[k + 1];
    if ((NP_POS.has(t.pos) || isNameWord(t)) && !(t.pos === 'PART' && t.lower !== "'s" && t.lower !== '’s')) {
      if (t.pos === 'DET' && k > first) break;
      last = k;
      continue;
    }
    if (
      (t.text === '-' || t.text === '.') &&
      k > first &&
      prev.end === t.start &&
      next &&
      t.end === next.start
    ) {
      continue;
    }
    if (t.lower === 'of' && next && /^(PROPN|NOUN|DET|ADJ)$/.test(next.pos)) continue;
    break;
  }
  while (last >= first && NOT_HEADS.has((tokens[last] as Token).lower)) last--;
  if (last < first) return null;
  const hasHead = tokens.slice(first, last + 1).some((t) => t.pos === 'PROPN' || t.pos === 'NOUN');
  return hasHead ? { first, last, pronoun: false } : null;
}

/**
 * The subject of the verb at token `verb`: the noun phrase before it, past adverbs and auxiliaries
 * ("has also said"), an apposition ("Parata, an elder of the tribe, said") or a relative pronoun
 * ("Stoltenberg, who declared").
 */
export function subjectOf(view: AttributionView, verb: number, floor: number): SpeakerPhrase | null {
  const { tokens } = view;
  let k = verb - 1;
  while (k >= floor && SKIP_BEFORE_VERB.has((tokens[k] as Token).pos) && !view.quoted[k]) {
    // A passive ("was described as") has no speaking subject before the verb.
    if (BE_FORMS.has((tokens[k] as Token).lower)) return null;
    k--;
  }
  if (k < floor) return null;
  const t = tokens[k] as Token;
  // "[Bruck] said": an editor's bracket around the name.
  if ((t.text === ']' || t.text === ')') && k - 1 >= floor && /^[[(]$/.test(tokens[k - 2]?.text ?? '')) {
    return phraseEndingAt(view, k - 1, k - 1);
  }
  if (RELATIVES.has(t.lower) && t.pos === 'PRON') {
    k--;
    if (k >= floor && (tokens[k] as Token).text === ',') k--;
    return k >= floor ? phraseEndingAt(view, k, floor) : null;
  }
  // "visited the bridge and said ...": a coordinated verb shares the first verb's subject.
  if (t.pos === 'CCONJ') {
    for (let v = k - 1; v >= floor; v--) {
      const u = tokens[v] as Token;
      if (view.quoted[v] || endsSentence(view, v)) break;
      if (u.pos === 'VERB') return subjectOf(view, v, floor);
    }
    return null;
  }
  if (t.text === ',') {
    // Apposition or inserted clause: find the comma that opens it and take the phrase before that.
    let j = k - 1;
    while (j >= floor && (tokens[j] as Token).text !== ',' && !view.quoted[j] && !endsSentence(view, j)) j--;
    if (j >= floor && (tokens[j] as Token).text === ',' && k - j <= 32) {
      // "The minister, Helen Ward, said": a name in apposition names the speaker.
      const inserted = phraseEndingAt(view, k - 1, j + 1);
      const named = inserted && inserted.first === j + 1;
      if (named && tokens.slice(j + 1, k).every((w) => /^\p{Lu}/u.test(w.text) || /^[-.]$/.test(w.text)))
        return inserted;
      const before = phraseEndingAt(view, j - 1, floor);
      if (before) return before;
    }
    return null;
  }
  return phraseEndingAt(view, k, floor);
}

/**
 * The speaker of a reporting verb with no subject of its own ("going so far as to call it", "continued to
 * describe", "by saying"): the subject of the nearest finite verb before it in the sentence.
 */
export function governingSubject(view: AttributionView, verb: number, floor: number): SpeakerPhrase | null {
  if (isPassive(view, verb, floor)) return null;
  const own = subjectOf(view, verb, floor);
  if (own) return own;
  for (let v = verb - 1; v >= floor; v--) {
    const t = view.tokens[v] as Token;
    if (view.quoted[v] || (t.pos !== 'VERB' && t.pos !== 'AUX')) continue;
    if (isPassive(view, v, floor)) return null;
    const subject = subjectOf(view, v, floor);
    if (subject) return subject;
  }
  return null;
}

/** Who the words right after a closing mark attribute the quote to: `"Q," S said` or `"Q," said S`. */
export function attributionAfter(view: AttributionView, from: number, ceiling: number): SpeakerPhrase | null {
  const { tokens } = view;
  let k = from;
  while (k <= ceiling && isPunct(tokens[k] as Token) && !QUOTE_MARK.test((tokens[k] as Token).text)) {
    if (SENTENCE_END.has((tokens[k] as Token).text)) return null;
    k++;
  }
  if (k > ceiling || view.quoted[k]) return null;
  const first = tokens[k] as Token;
  if (isReportingVerb(first, tokens[k + 1])) {
    const phrase = phraseStartingAt(view, k + 1, ceiling);
    if (phrase) return phrase;
  }
  for (let v = k + 1; v <= Math.min(ceiling, k + 24); v++) {
    const t = tokens[v] as Token;
    if (view.quoted[v] || endsSentence(view, v)) return null;
    if (!isReportingVerb(t, tokens[v + 1])) continue;
    // The speaker must open the words after the quote: `"Q," Parata, an elder, said`.
    // Or close the sentence after a comma: `"Q" to hold up on their plans, Indyk said`; or follow "as".
    const subject = subjectOf(view, v, k);
    const before = subject ? (tokens[subject.first - 1] as Token) : undefined;
    if (
      subject &&
      (subject.first === k || before?.text === ',' || (before?.lower === 'as' && subject.first === k + 1))
    )
      return subject;
    // `"Q," Erik van Sebille, an oceanographer at the University in Sydney told Reuters`: an apposition
    // with no closing comma.
    const lead = phraseStartingAt(view, k, v - 1);
    if (
      lead &&
      (tokens[lead.last + 1] as Token | undefined)?.text === ',' &&
      noVerbBetween(view, lead.last + 2, v)
    )
      return lead;
    return null;
  }
  return null;
}

function noVerbBetween(view: AttributionView, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = view.tokens[k] as Token;
    if (view.quoted[k] || t.pos === 'VERB' || t.pos === 'AUX') return false;
  }
  return true;
}

/** `S said (that) ... "Q"`: the nearest reporting verb before the quote, and its subject. */
export function attributionBefore(
  view: AttributionView,
  open: number,
  floor: number,
): { phrase: SpeakerPhrase | null; verb: number; owner: boolean } | null {
  const { tokens } = view;
  for (let v = open - 1; v >= floor; v--) {
    if (view.quoted[v]) continue;
    const t = tokens[v] as Token;
    if (ASSERTION_NOUNS.has(t.lemma) && t.pos === 'NOUN') {
      // "Russia's claims that it was ...": the possessor asserts the quoted words.
      const p = tokens[v - 1];
      if (p && (p.lower === "'s" || p.lower === '’s')) {
        const owner = phraseEndingAt(view, v - 2, floor);
        if (owner) return { phrase: owner, verb: v, owner: true };
      }
    }
    if (!isReportingVerb(t, tokens[v + 1])) continue;
    return { phrase: governingSubject(view, v, floor), verb: v, owner: false };
  }
  return null;
}

/** `according to S` anywhere in [from, to]. */
export function accordingTo(view: AttributionView, from: number, to: number): SpeakerPhrase | null {
  const { tokens } = view;
  for (let k = from; k < to; k++) {
    if (view.quoted[k]) continue;
    if ((tokens[k] as Token).lower === 'according' && (tokens[k + 1] as Token | undefined)?.lower === 'to') {
      const phrase = phraseStartingAt(view, k + 2, to);
      if (phrase) return phrase;
    }
  }
  return null;
}

/** `described as "Q" by S`: the agent of a passive reporting verb, right after the quote. */
export function passiveAgent(view: AttributionView, from: number, ceiling: number): SpeakerPhrase | null {
  const { tokens } = view;
  let k = from;
  while (k <= ceiling && isPunct(tokens[k] as Token) && !SENTENCE_END.has((tokens[k] as Token).text)) k++;
  if (k <= ceiling && (tokens[k] as Token).lower === 'by') return phraseStartingAt(view, k + 1, ceiling);
  return null;
}
