import type { Migration } from '../sql/driver.ts';

const TOKENIZE = `tokenize = 'porter unicode61 remove_diacritics 2'`;

/** An external-content FTS5 index over `column` of `table`, kept in step by triggers. */
function ftsIndex(table: string, columns: string[]): string {
  const cols = columns.join(', ');
  const newCols = columns.map((c) => `new.${c}`).join(', ');
  const oldCols = columns.map((c) => `old.${c}`).join(', ');
  return `
CREATE VIRTUAL TABLE ${table}_fts USING fts5(${cols}, content = '${table}', content_rowid = 'id', ${TOKENIZE});
CREATE TRIGGER ${table}_fts_insert AFTER INSERT ON ${table} BEGIN
  INSERT INTO ${table}_fts (rowid, ${cols}) VALUES (new.id, ${newCols});
END;
CREATE TRIGGER ${table}_fts_delete AFTER DELETE ON ${table} BEGIN
  INSERT INTO ${table}_fts (${table}_fts, rowid, ${cols}) VALUES ('delete', old.id, ${oldCols});
END;
CREATE TRIGGER ${table}_fts_update AFTER UPDATE ON ${table} BEGIN
  INSERT INTO ${table}_fts (${table}_fts, rowid, ${cols}) VALUES ('delete', old.id, ${oldCols});
  INSERT INTO ${table}_fts (rowid, ${cols}) VALUES (new.id, ${newCols});
END;`;
}

// Instants are epoch milliseconds (INTEGER); booleans are 0/1.
const INITIAL = `
CREATE TABLE feeds (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  name TEXT,
  is_global INTEGER NOT NULL DEFAULT 0,
  language TEXT,
  etag TEXT,
  last_modified TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  last_polled_at INTEGER,
  next_poll_at INTEGER,
  primed INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  item_key TEXT NOT NULL,
  url TEXT,
  title TEXT NOT NULL,
  published INTEGER,
  text TEXT NOT NULL,
  language TEXT NOT NULL,
  analysed INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  pruned_at INTEGER,
  UNIQUE (feed_id, item_key)
);
CREATE INDEX articles_first_seen ON articles (first_seen);
CREATE INDEX articles_feed_first_seen ON articles (feed_id, first_seen);

CREATE TABLE article_revisions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  revised_at INTEGER NOT NULL,
  changed TEXT NOT NULL,
  previous_title TEXT NOT NULL,
  previous_text TEXT,
  previous_hash TEXT NOT NULL
);
CREATE INDEX article_revisions_article ON article_revisions (article_id, id);

CREATE TABLE quotes (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  text TEXT NOT NULL,
  speaker TEXT,
  speaker_key TEXT,
  speaker_mention TEXT,
  sentence TEXT NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  fragment INTEGER NOT NULL DEFAULT 0,
  search_text TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes (article_id, ord);
CREATE INDEX quotes_speaker_key ON quotes (speaker_key);

CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  claimant TEXT NOT NULL,
  claim TEXT NOT NULL,
  sentence TEXT NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  claim_start INTEGER NOT NULL,
  claim_end INTEGER NOT NULL,
  search_text TEXT NOT NULL
);
CREATE INDEX claims_article ON claims (article_id, ord);

CREATE TABLE figures (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  text TEXT NOT NULL,
  value REAL,
  unit TEXT,
  qualifier TEXT,
  about TEXT,
  sentence TEXT NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  equivalent_of INTEGER,
  search_text TEXT NOT NULL
);
CREATE INDEX figures_article ON figures (article_id, ord);

CREATE TABLE entities (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  PRIMARY KEY (article_id, kind, ord)
);
CREATE INDEX entities_name_key ON entities (name_key);

${ftsIndex('articles', ['title', 'text'])}
${ftsIndex('quotes', ['search_text'])}
${ftsIndex('claims', ['search_text'])}
${ftsIndex('figures', ['search_text'])}

CREATE TABLE subscriptions (
  platform TEXT NOT NULL,
  workspace TEXT NOT NULL,
  channel TEXT NOT NULL,
  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  mode TEXT NOT NULL CHECK (mode IN ('digest', 'each')),
  backfill INTEGER NOT NULL DEFAULT 0,
  paused INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (platform, workspace, channel, feed_id)
);
CREATE INDEX subscriptions_feed ON subscriptions (feed_id);

CREATE TABLE schedules (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  workspace TEXT NOT NULL,
  channel TEXT NOT NULL,
  cron TEXT NOT NULL,
  timezone TEXT NOT NULL,
  paused INTEGER NOT NULL DEFAULT 0,
  last_run_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (platform, workspace, channel)
);

CREATE TABLE deliveries (
  delivery_key TEXT NOT NULL,
  platform TEXT NOT NULL,
  workspace TEXT NOT NULL,
  channel TEXT NOT NULL,
  claimed_at INTEGER NOT NULL,
  lease_until INTEGER,
  sent_at INTEGER,
  PRIMARY KEY (delivery_key, platform, workspace, channel)
);

CREATE TABLE briefings_sent (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  workspace TEXT NOT NULL,
  channel TEXT NOT NULL,
  sent_at INTEGER NOT NULL
);
CREATE INDEX briefings_sent_channel ON briefings_sent (platform, workspace, channel, sent_at);
`;

// Query indexes for /who-said and autocomplete (see src/store/sql/search.ts for how they are walked):
// - quote_speaker_words: one row per distinct word of a quote's speaker key, ordered like the results (newest
//   article first, then quote order), so a name query walks one word's rows and stops at LIMIT;
// - speaker_counts: quotes per (speaker, feed), so "most quoted" sums a few rows instead of every quote.
// Both are written with the extraction rows (extraction-rows.ts) and filled here from the rows already stored.
const SPEAKER_INDEXES = `
CREATE TABLE quote_speaker_words (
  word TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  feed_id INTEGER NOT NULL,
  PRIMARY KEY (word, first_seen DESC, article_id DESC, ord ASC)
) WITHOUT ROWID;
CREATE INDEX quote_speaker_words_article ON quote_speaker_words (article_id);

WITH RECURSIVE split (article_id, ord, first_seen, feed_id, word, rest) AS (
  SELECT x.article_id, x.ord, a.first_seen, a.feed_id, '', x.speaker_key || ' '
  FROM quotes x JOIN articles a ON a.id = x.article_id
  WHERE x.speaker_key IS NOT NULL AND x.speaker_key <> ''
  UNION ALL
  SELECT article_id, ord, first_seen, feed_id, substr(rest, 1, instr(rest, ' ') - 1),
    substr(rest, instr(rest, ' ') + 1)
  FROM split WHERE rest <> ''
)
INSERT INTO quote_speaker_words (word, first_seen, article_id, ord, feed_id)
SELECT DISTINCT word, first_seen, article_id, ord, feed_id FROM split WHERE word <> '';

CREATE TABLE speaker_counts (
  speaker TEXT NOT NULL,
  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  speaker_key TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (speaker, feed_id)
) WITHOUT ROWID;

INSERT INTO speaker_counts (speaker, feed_id, speaker_key, n)
SELECT x.speaker, a.feed_id, max(x.speaker_key), count(*)
FROM quotes x JOIN articles a ON a.id = x.article_id
WHERE x.speaker IS NOT NULL
GROUP BY x.speaker, a.feed_id;

DROP INDEX quotes_speaker_key;
`;

// Indexing each article's title and text as it is stored was about half of the store's ingest time, and
// only a topic search of articles reads that index. New articles are now indexed in bulk by the first such
// search (SqliteDriver.prepareTextSearch): articles with an id above text_index_state.upto are not indexed
// yet. Edits and deletes of indexed articles still update the index at once; of pending ones, they need not.
const LAZY_ARTICLE_INDEX = `
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
CREATE TABLE text_index_state (name TEXT PRIMARY KEY, upto INTEGER NOT NULL);
INSERT INTO text_index_state (name, upto) SELECT 'articles', coalesce(max(id), 0) FROM articles;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
WHEN old.id <= (SELECT upto FROM text_index_state WHERE name = 'articles') BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles
WHEN old.id <= (SELECT upto FROM text_index_state WHERE name = 'articles') BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
`;

const LINK_KEYS = `
ALTER TABLE articles ADD COLUMN link_key TEXT;
CREATE INDEX articles_feed_link_key ON articles (feed_id, link_key) WHERE link_key IS NOT NULL;
`;

/** The SQLite schema history, oldest first. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: INITIAL },
  {
    version: 2,
    name: 'extra extraction fields as JSON',
    sql: `
ALTER TABLE quotes ADD COLUMN extra TEXT;
ALTER TABLE claims ADD COLUMN extra TEXT;
ALTER TABLE figures ADD COLUMN extra TEXT;
ALTER TABLE articles ADD COLUMN extraction_extra TEXT;`,
  },
  // Version 3 is Postgres' search configuration; SQLite's FTS needed no change.
  { version: 3, name: 'search without stop words, like SQLite', sql: 'SELECT 1;' },
  { version: 4, name: 'speaker word index and speaker counts', sql: SPEAKER_INDEXES },
  // No query looks entities up by name; the index only cost every ingest ten index writes an article.
  { version: 5, name: 'drop the unused entity name index', sql: 'DROP INDEX entities_name_key;' },
  { version: 6, name: 'articles indexed for topics in bulk, when first searched', sql: LAZY_ARTICLE_INDEX },
  // The feed item's fingerprint as last stored, so a poll can tell an edited item from a known one without
  // re-extracting it. Rows stored before have none (NULL): the poller treats them as unchanged.
  { version: 7, name: 'feed item fingerprint', sql: 'ALTER TABLE articles ADD COLUMN item_hash TEXT;' },
  // The link key of an article keyed by its guid: an item whose guid changes while its link stays is still
  // known by the link, not stored a second time. Indexed only where set (articles keyed by guid).
  { version: 8, name: 'link keys of articles keyed by guid', sql: LINK_KEYS },
];
