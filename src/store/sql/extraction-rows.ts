import type { Extraction } from '../../extract/types.ts';
import { foldText, speakerKey } from '../normalise.ts';
import { placeholders, type SqlExecutor, type SqlStatement, type SqlValue } from './driver.ts';
import { parseExtra, type Row, toClaim, toFigure, toQuote } from './rows.ts';
import {
  SPEAKER_COUNT_COLUMNS,
  SPEAKER_COUNT_UPSERT,
  SPEAKER_WORD_COLUMNS,
  type SpeakerSource,
  speakerCountRows,
  speakerDeletes,
  speakerWordRows,
} from './speaker-rows.ts';

const BATCH = 100;

const QUOTE_KEYS = new Set(['text', 'speaker', 'speakerMention', 'sentence', 'start', 'end', 'fragment']);
const CLAIM_KEYS = new Set(['claimant', 'claim', 'sentence', 'start', 'end', 'claimStart', 'claimEnd']);
const FIGURE_KEYS = new Set([
  'text',
  'value',
  'unit',
  'qualifier',
  'about',
  'sentence',
  'start',
  'end',
  'equivalentOf',
]);
const EXTRACTION_KEYS = new Set(['title', 'language', 'analysed', 'quotes', 'figures', 'claims', 'entities']);
const ENTITY_KEYS = new Set(['people', 'orgs']);

/**
 * Fields the schema has no column for, as JSON (null when none). The extractors grow new optional fields
 * (a figure's `valueMax`, say); they round-trip through this column instead of being silently dropped.
 */
function extraJson(item: object, known: Set<string>): string | null {
  const extra = extraFields(item, known);
  return extra ? JSON.stringify(extra) : null;
}

// Runs for every stored row: a plain loop, and no object at all in the usual case of no extra field.
function extraFields(item: object, known: Set<string>): Record<string, unknown> | null {
  let extra: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(item)) {
    if (known.has(key) || value === undefined) continue;
    extra ??= {};
    extra[key] = value;
  }
  return extra;
}

/** Article-level extraction fields without a column (and extra entity kinds), as JSON or null. */
export function extractionExtra(extraction: Extraction): string | null {
  const top = extraFields(extraction, EXTRACTION_KEYS);
  const entities = extraFields(extraction.entities, ENTITY_KEYS);
  if (!top && !entities) return null;
  return JSON.stringify(entities ? { ...top, entities } : top);
}

function insertRows(table: string, columns: string[], rows: SqlValue[][], suffix = ''): SqlStatement[] {
  const statements: SqlStatement[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const end = Math.min(rows.length, i + BATCH);
    // A plain loop: Array.prototype.flat was a tenth of the ingest's JavaScript time.
    const params: SqlValue[] = [];
    for (let r = i; r < end; r++) for (const value of rows[r] as SqlValue[]) params.push(value);
    const values = new Array<string>(end - i).fill(placeholders(columns.length)).join(', ');
    statements.push({
      sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ${suffix}`,
      params,
    });
  }
  return statements;
}

/** An article's extraction to write as rows, with the article fields the speaker indexes copy. */
export interface ExtractionRows extends SpeakerSource {
  title: string;
}

/**
 * INSERTs for the quotes, claims, figures and entities of these articles, many articles per statement; the
 * title joins each row's search text. The statements are independent, so they may go in one `batch`.
 */
export function extractionStatements(articles: readonly ExtractionRows[]): SqlStatement[] {
  const quotes = insertRows(
    'quotes',
    [
      'article_id',
      'ord',
      'text',
      'speaker',
      'speaker_key',
      'speaker_mention',
      'sentence',
      'start_offset',
      'end_offset',
      'fragment',
      'search_text',
      'extra',
    ],
    articles.flatMap(({ articleId, title, extraction }) =>
      extraction.quotes.map((q, ord) => [
        articleId,
        ord,
        q.text,
        q.speaker,
        q.speaker === null ? null : speakerKey(q.speaker),
        q.speakerMention,
        q.sentence,
        q.start,
        q.end,
        q.fragment === true,
        foldText(`${q.sentence} ${q.speaker ?? ''} ${title}`),
        extraJson(q, QUOTE_KEYS),
      ]),
    ),
  );
  const claims = insertRows(
    'claims',
    [
      'article_id',
      'ord',
      'claimant',
      'claim',
      'sentence',
      'start_offset',
      'end_offset',
      'claim_start',
      'claim_end',
      'search_text',
      'extra',
    ],
    articles.flatMap(({ articleId, title, extraction }) =>
      extraction.claims.map((c, ord) => [
        articleId,
        ord,
        c.claimant,
        c.claim,
        c.sentence,
        c.start,
        c.end,
        c.claimStart,
        c.claimEnd,
        foldText(`${c.sentence} ${c.claimant} ${title}`),
        extraJson(c, CLAIM_KEYS),
      ]),
    ),
  );
  const figures = insertRows(
    'figures',
    [
      'article_id',
      'ord',
      'text',
      'value',
      'unit',
      'qualifier',
      'about',
      'sentence',
      'start_offset',
      'end_offset',
      'equivalent_of',
      'search_text',
      'extra',
    ],
    articles.flatMap(({ articleId, title, extraction }) =>
      extraction.figures.map((f, ord) => [
        articleId,
        ord,
        f.text,
        f.value !== null && Number.isFinite(f.value) ? f.value : null,
        f.unit,
        f.qualifier ?? null,
        f.about ?? null,
        f.sentence,
        f.start,
        f.end,
        f.equivalentOf ?? null,
        foldText(`${f.sentence} ${f.unit ?? ''} ${f.about ?? ''} ${title}`),
        extraJson(f, FIGURE_KEYS),
      ]),
    ),
  );
  const entities = articles.flatMap(({ articleId, extraction }) => [
    ...extraction.entities.people.map((name, ord) => [articleId, 'person', ord, name, speakerKey(name)]),
    ...extraction.entities.orgs.map((name, ord) => [articleId, 'org', ord, name, foldText(name)]),
  ]);
  const names = insertRows('entities', ['article_id', 'kind', 'ord', 'name', 'name_key'], entities);
  const words = insertRows('quote_speaker_words', SPEAKER_WORD_COLUMNS, speakerWordRows(articles));
  const counts = insertRows(
    'speaker_counts',
    SPEAKER_COUNT_COLUMNS,
    speakerCountRows(articles),
    SPEAKER_COUNT_UPSERT,
  );
  return [...quotes, ...claims, ...figures, ...names, ...words, ...counts];
}

/** Writes one article's extraction as rows (see {@link extractionStatements}). */
export async function insertExtraction(tx: SqlExecutor, rows: ExtractionRows) {
  await tx.batch(extractionStatements([rows]));
}

/** Removes the extraction rows of these articles, and their quotes from the speaker indexes. */
export async function deleteExtraction(tx: SqlExecutor, articleIds: number[]) {
  if (articleIds.length === 0) return;
  const list = placeholders(articleIds.length);
  await tx.batch([
    ...speakerDeletes(articleIds),
    ...['quotes', 'claims', 'figures', 'entities'].map((table) => ({
      sql: `DELETE FROM ${table} WHERE article_id IN ${list}`,
      params: articleIds,
    })),
  ]);
}

function groupByArticle<T>(rows: Row[], map: (row: Row) => T): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const id = Number(row.article_id);
    const list = groups.get(id);
    if (list) list.push(map(row));
    else groups.set(id, [map(row)]);
  }
  return groups;
}

/** The extraction of each article row (keyed by article id), rebuilt from its rows in five queries. */
export async function loadExtractions(db: SqlExecutor, articles: Row[]): Promise<Map<number, Extraction>> {
  const ids = articles.map((row) => Number(row.id));
  const result = new Map<number, Extraction>();
  if (ids.length === 0) return result;
  const list = placeholders(ids.length);
  const select = (table: string, order = 'ord') =>
    db.all<Row>(`SELECT * FROM ${table} WHERE article_id IN ${list} ORDER BY article_id, ${order}`, ids);
  const [quotes, claims, figures, entities] = await Promise.all([
    select('quotes'),
    select('claims'),
    select('figures'),
    select('entities', 'kind, ord'),
  ]);
  const quotesBy = groupByArticle(quotes, toQuote);
  const claimsBy = groupByArticle(claims, toClaim);
  const figuresBy = groupByArticle(figures, toFigure);
  const names = (kind: string) =>
    groupByArticle(
      entities.filter((e) => e.kind === kind),
      (e) => String(e.name),
    );
  const peopleBy = names('person');
  const orgsBy = names('org');
  for (const row of articles) {
    const id = Number(row.id);
    const { entities: extraEntities, ...extra } = parseExtra(row.extraction_extra);
    result.set(id, {
      ...extra,
      title: String(row.title),
      language: String(row.language),
      analysed: Boolean(row.analysed),
      quotes: quotesBy.get(id) ?? [],
      figures: figuresBy.get(id) ?? [],
      claims: claimsBy.get(id) ?? [],
      entities: {
        ...(extraEntities as object | undefined),
        people: peopleBy.get(id) ?? [],
        orgs: orgsBy.get(id) ?? [],
      },
    });
  }
  return result;
}
