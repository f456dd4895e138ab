// The layer rules (README, "Architecture of the app layer") checked on the real import graph of
// main/, preload/ and the renderer: no import circles, and no import against the direction of the
// layers. The checker is tested on small graphs too, so it cannot pass by finding nothing; the
// eslint patterns (eslint.config.js) are tested to fire on the same violations.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildImportGraph,
  findCycles,
  importsOf,
  layerViolations,
  localAdjacency,
  type ImportEdge,
  type ImportGraph,
  type LayerRule,
} from '../helpers/import-graph.js';
import { repoRoot } from '../helpers/repo-root.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

const ROOTS = ['main', 'preload', 'renderer/src'];

/**
 * The core's own layers, bottom first; a core file imports only its own rank or lower. Top-level
 * core files (open-vankho.ts, export-selection.ts) and core/app (session, handlers, dispatch) are the top. A new core
 * folder must be placed here on purpose (the test fails until it is).
 */
const CORE_RANK: Record<string, number> = {
  errors: 0,
  jobs: 0,
  text: 0,
  archive: 1,
  ingest: 2,
  search: 2,
  export: 2,
  records: 2,
  ocr: 2,
  accounts: 2,
  app: 3,
};
const FACADE_RANK = 3;

/** The rank of a main/core file (NaN for a folder not placed in CORE_RANK); undefined outside the core. */
function coreRank(file: string): number | undefined {
  if (!file.startsWith('main/core/')) return undefined;
  const parts = file.slice('main/core/'.length).split('/');
  return parts.length === 1 ? FACADE_RANK : (CORE_RANK[parts[0]!] ?? NaN);
}
const unplacedCoreFiles = (graph: ImportGraph): string[] =>
  [...graph.keys()].filter((f) => Number.isNaN(coreRank(f)));

const ADAPTERS = /^main\/(host|web|electron|cli)\/|^main\/index\.ts$/;
const HOST_RUNNER = /^main\/host\/host-(worker|client|worker-protocol)\.ts$/;
const local = (e: ImportEdge): boolean => e.local;

const RULES: LayerRule[] = [
  {
    name: 'core imports no adapter',
    from: (f) => f.startsWith('main/core/'),
    forbids: (e) => (local(e) && ADAPTERS.test(e.to)) || (!e.local && e.to === 'electron'),
  },
  {
    name: 'core layers point down',
    from: (f) => f.startsWith('main/core/'),
    // Also true when either side's folder has no rank (NaN compares false).
    forbids: (e, from) => {
      const to = local(e) ? coreRank(e.to) : undefined;
      return to !== undefined && !(to <= coreRank(from)!);
    },
  },
  {
    name: 'contract imports only itself and zod',
    from: (f) => f.startsWith('main/contract/'),
    forbids: (e) => (e.local ? !e.to.startsWith('main/contract/') : !/^zod(\/|$)/.test(e.to)),
  },
  {
    name: 'renderer and preload know only the contract',
    from: (f) => f.startsWith('renderer/') || f.startsWith('preload/'),
    forbids: (e) => local(e) && e.to.startsWith('main/') && !e.to.startsWith('main/contract/'),
  },
  {
    name: 'host imports no entry adapter',
    from: (f) => f.startsWith('main/host/'),
    forbids: (e) => local(e) && /^main\/(web|electron|cli)\//.test(e.to),
  },
  {
    // The composition root builds core and host services; the host worker (and the entry adapters —
    // web, electron, the CLI in-process — and tests) run it. So only they import it, and it imports none of them.
    name: 'composition root sits between host services and their runners',
    from: (f) => f === 'main/index.ts',
    forbids: (e) => local(e) && (/^main\/(web|electron|cli)\//.test(e.to) || HOST_RUNNER.test(e.to)),
  },
  {
    name: 'only runners import the composition root',
    from: (f) => !HOST_RUNNER.test(f) && !/^main\/(web|electron|cli)\//.test(f),
    forbids: (e) => local(e) && e.to === 'main/index.ts',
  },
];

const violations = (graph: ImportGraph): string[] => layerViolations(graph, RULES);

describe('the import graph of main/, preload/ and the renderer', () => {
  const { graph, unresolved } = buildImportGraph(repoRoot, ROOTS);

  it('is read whole: every relative import resolves to a file', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect([...graph.keys()].filter((f) => f.startsWith('main/core/')).length).toBeGreaterThan(60);
    expect(unresolved).toEqual([]);
    // The resolver maps .js specifiers to the .ts sources (else every edge would be unresolved).
    expect(graph.get('main/index.ts')?.some((e) => e.to === 'main/core/app/session.ts')).toBe(true);
  });

  it('has no import circle', () => {
    const cycles = findCycles(localAdjacency(graph)).map((c) => c.cycle.join(' → '));
    expect(cycles).toEqual([]);
  });

  it('keeps every layer rule', () => {
    expect(violations(graph)).toEqual([]);
  });

  it('places every core folder in a layer', () => {
    expect(unplacedCoreFiles(graph)).toEqual([]);
  });
});

/**
 * The CLI is one more caller of the contract: it reaches the core through the handlers (core/app,
 * via cli-app.ts's dispatch) and the error type and mapper (core/errors), nothing else. The files
 * below would still call core modules directly; since issue 13 converted the last command the list
 * is empty, and it may not grow — a file on it that no longer needs to be there fails the test too.
 */
const CLI_NOT_YET_THROUGH_HANDLERS: readonly string[] = [];

/** The CLI files that import a core module other than core/app or core/errors, with those modules. */
function cliCoreBypasses(graph: ImportGraph): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [file, edges] of graph) {
    if (!file.startsWith('main/cli/')) continue;
    const direct = edges
      .filter((e) => e.local && e.to.startsWith('main/core/') && !/^main\/core\/(app|errors)\//.test(e.to))
      .map((e) => e.to);
    if (direct.length > 0) out.set(file, direct);
  }
  return out;
}

describe('the CLI reaches the core only through the contract handlers', () => {
  const { graph } = buildImportGraph(repoRoot, ROOTS);
  const bypasses = cliCoreBypasses(graph);

  it('no CLI file but the listed ones imports a core module directly', () => {
    const unlisted = [...bypasses].filter(([f]) => !CLI_NOT_YET_THROUGH_HANDLERS.includes(f));
    expect(unlisted).toEqual([]);
  });

  it('every listed file still does (the list only shrinks)', () => {
    expect(CLI_NOT_YET_THROUGH_HANDLERS.filter((f) => !bypasses.has(f))).toEqual([]);
    expect(CLI_NOT_YET_THROUGH_HANDLERS.every((f) => graph.has(f))).toBe(true);
  });

  it('sees the commands already converted, through core/app only', () => {
    for (const f of [
      'main/cli/commands/search.ts',
      'main/cli/commands/find.ts',
      'main/cli/commands/jobs.ts',
    ]) {
      expect(graph.has(f), f).toBe(true);
      expect(bypasses.has(f), f).toBe(false);
    }
    expect(graph.get('main/cli/cli-app.ts')?.some((e) => e.to === 'main/index.ts')).toBe(true);
  });
});

/**
 * Tables whose SQL lives in one module: the others reach them through its functions (the trash
 * through the trash hooks of core/records, for a document's hồ sơ places, and of core/accounts, for
 * its read grants). Checked on the code with its comments left out, so a comment may name the table.
 */
const TABLE_OWNERS: Record<string, string> = {
  record_documents: 'main/core/records/records-store.ts',
  access_grants: 'main/core/accounts/units-store.ts',
};

const withoutComments = (code: string): string =>
  code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** The files outside its owner whose code names a table of TABLE_OWNERS, as "file: table". */
function tableTrespassers(files: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [file, code] of files) {
    const bare = withoutComments(code);
    for (const [table, owner] of Object.entries(TABLE_OWNERS))
      if (file !== owner && new RegExp(`\\b${table}\\b`).test(bare)) out.push(`${file}: ${table}`);
  }
  return out;
}

describe('a table’s SQL lives in its one module', () => {
  const { graph } = buildImportGraph(repoRoot, ROOTS);

  it('no other file of main/ names record_documents or access_grants in its code', () => {
    const files = new Map(
      [...graph.keys()]
        .filter((f) => f.startsWith('main/'))
        .map((f): [string, string] => [f, readFileSync(join(repoRoot, f), 'utf8')]),
    );
    for (const [table, owner] of Object.entries(TABLE_OWNERS)) expect(files.get(owner)).toMatch(table);
    expect(tableTrespassers(files)).toEqual([]);
  });

  it('the check finds SQL, not comments', () => {
    const files = new Map([
      ['main/core/archive/x.ts', '// record_documents moves\n/* record_documents */\nconst a = 1;'],
      ['main/core/archive/y.ts', "db.prepare('DELETE FROM record_documents WHERE document_id = ?');"],
    ]);
    expect(tableTrespassers(files)).toEqual(['main/core/archive/y.ts: record_documents']);
  });
});

/** SQL naming one of `tables` (comments left out): `pages` or `meta` alone is a common word. */
const namesTable = (tables: string, code: string): boolean =>
  new RegExp(`\\b(FROM|JOIN|INTO|UPDATE)\\s+(${tables})\\b`, 'i').test(withoutComments(code));

/**
 * As TABLE_OWNERS, for tables whose names are common words (so only SQL naming them counts): their
 * statements live in one module, and the few files that also read them for a purpose
 * of their own. `probes`: SQL the check must see, and a variable or comment it must not.
 */
const SQL_TABLE_OWNERS: ReadonlyArray<{
  table: string;
  tables: string;
  owner: string;
  also: readonly string[];
  sql: readonly string[];
  notSql: string;
}> = [
  {
    // A file's or a document's page texts in order, the one INSERT, the replacement: the texts are
    // stored packed, so no one else reads them (the trash snapshots them through pages-repo too). The
    // bundle rows' page count reads the table for its own purpose.
    table: 'pages',
    tables: 'pages',
    owner: 'main/core/archive/pages-repo.ts',
    also: ['main/core/archive/bundle-rows.ts'],
    sql: [
      "db.prepare('SELECT text FROM pages WHERE file_id = ?')",
      '`SELECT p.text FROM files f JOIN pages p ON p.file_id = f.id`',
    ],
    notSql: 'const pages = doc.pages; // SELECT FROM pages',
  },
  {
    // The import history: file imports, bundle imports, the open sweep and the check use the same rows.
    table: 'import_batches/import_log',
    tables: 'import_batches|import_log',
    owner: 'main/core/archive/import-log-repo.ts',
    also: [],
    sql: [
      "db.prepare(`UPDATE import_batches SET status = 'failed'`)",
      '`INSERT INTO import_log (batch_id) VALUES (?)`',
    ],
    notSql: 'const import_log = rows; // SELECT id FROM import_batches',
  },
  {
    // The archive's uid, the versions its index and links were made by, its settings: each key's
    // owner says what it means, the SQL is one copy.
    table: 'meta',
    tables: 'meta',
    owner: 'main/core/archive/meta-store.ts',
    also: [],
    sql: [
      "db.prepare('SELECT value FROM meta WHERE key = ?')",
      '`INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)`',
    ],
    notSql: 'const meta = await sharp(data).metadata(); // DELETE FROM meta',
  },
  {
    // The full-text index and FTS5's shadow tables: the indexer's rows, the matches, the totals.
    table: 'search_fts',
    tables: 'search_fts\\w*',
    owner: 'main/core/archive/fts-rows.ts',
    also: [],
    sql: [
      'db.prepare(`DELETE FROM search_fts WHERE rowid = ?`)',
      '`SELECT doc FROM search_fts_vocab WHERE term = ?`',
    ],
    notSql: 'const search_fts = rows; // DELETE FROM search_fts',
  },
  {
    // The change journal and how far each derived index has consumed it (its triggers are SQL files).
    table: 'change_journal/index_checkpoints',
    tables: 'change_journal|index_checkpoints',
    owner: 'main/core/archive/change-journal.ts',
    also: [],
    sql: [
      'db.prepare(`SELECT seq, document_id FROM change_journal WHERE seq > ?`)',
      '`INSERT INTO index_checkpoints (consumer, seq) VALUES (?, ?)`',
    ],
    notSql: 'const change_journal = []; // SELECT min(seq) FROM index_checkpoints',
  },
];

describe('a table named by a common word has its statements in one module', () => {
  const { graph } = buildImportGraph(repoRoot, ROOTS);
  const sources = [...graph.keys()]
    .filter((f) => f.startsWith('main/'))
    .map((f): [string, string] => [f, readFileSync(join(repoRoot, f), 'utf8')]);

  for (const t of SQL_TABLE_OWNERS) {
    it(`${t.table}: no file of main/ but ${t.owner.split('/').pop()}${t.also.length ? ' and the listed ones' : ''} has a statement on it`, () => {
      const users = sources.filter(([, code]) => namesTable(t.tables, code)).map(([f]) => f);
      expect(users.sort()).toEqual([...t.also, t.owner].sort());
    });

    it(`${t.table}: the check finds SQL, not a variable or a comment`, () => {
      for (const q of t.sql) expect(namesTable(t.tables, q), q).toBe(true);
      expect(namesTable(t.tables, t.notSql)).toBe(false);
    });
  }
});

/** Statements writing document_fields (comments left out). */
const writesFieldProvenance = (code: string): boolean =>
  /\b(INTO|UPDATE|DELETE\s+FROM)\s+document_fields\b/i.test(withoutComments(code));

/**
 * One write path for a field's provenance: a person's edit and confirmation, a suggestion, a
 * bundle's carried row, an undo and a re-extraction's drop all call field-provenance.ts (it was
 * written in documents-repo, enrich-document and document-text with three statements). The trash
 * puts a document's rows back whole, every table alike, so it is not a statement here.
 */
describe('document_fields is written by field-provenance.ts alone', () => {
  const { graph } = buildImportGraph(repoRoot, ROOTS);

  it('no other file of main/ has an INSERT, UPDATE or DELETE on it', () => {
    const writers = [...graph.keys()]
      .filter((f) => f.startsWith('main/') && writesFieldProvenance(readFileSync(join(repoRoot, f), 'utf8')))
      .sort();
    expect(writers).toEqual(['main/core/archive/field-provenance.ts']);
  });

  it('the check sees the writes, not a read or a comment', () => {
    expect(writesFieldProvenance("db.prepare('DELETE FROM document_fields WHERE document_id = ?')")).toBe(
      true,
    );
    expect(writesFieldProvenance('`UPDATE document_fields SET source = ?`')).toBe(true);
    expect(writesFieldProvenance('`INSERT OR IGNORE INTO document_fields (field) VALUES (?)`')).toBe(true);
    expect(writesFieldProvenance("db.prepare('SELECT field FROM document_fields')")).toBe(false);
    expect(writesFieldProvenance('// INSERT INTO document_fields')).toBe(false);
  });
});

/**
 * Issue 13's storage seam: ingest, export and search reach the tables through stores (the archive's
 * modules and interfaces over them, such as import-stores.ts and bundle-stores.ts), never the
 * database itself (the Db type, a prepared statement, archive.db).
 */
/** The files whose code (comments left out) reaches the database itself, ascending. */
function rawDbUsers(files: ReadonlyMap<string, string>): string[] {
  // archive.db is the handle; another object's `db` field (a backup's info.db checksum) is not.
  const direct = /\bDb\b|\.prepare\s*[<(]|\barchive\.db\b/;
  return [...files]
    .filter(([, code]) => direct.test(withoutComments(code)))
    .map(([f]) => f)
    .sort();
}

describe('ingest, export and search reach the tables through stores', () => {
  const { graph } = buildImportGraph(repoRoot, ROOTS);
  const files = new Map(
    [...graph.keys()]
      .filter((f) => /^main\/core\/(ingest|export|search)\//.test(f))
      .map((f): [string, string] => [f, readFileSync(join(repoRoot, f), 'utf8')]),
  );
  const users = rawDbUsers(files);

  it('no file of theirs reaches the database directly', () => {
    expect(files.size).toBeGreaterThan(30);
    expect(users).toEqual([]);
  });

  it('the check sees the Db type, a statement and archive.db, not a comment, Thumbs.db or another object’s db field', () => {
    const probe = new Map([
      ['a.ts', "import type { Db } from '../archive/database.js';"],
      ['b.ts', "const n = db.prepare<[], number>('SELECT 1');"],
      ['c.ts', 'run(vankho.archive.db);'],
      ['d.ts', "// db.prepare('x') and Db\nconst junk = ['Thumbs.db', 'desktop.ini'];"],
      ['e.ts', "if (sums.get(BACKUP_DB_ENTRY) !== info.db.sha256) throw invalid('database checksum');"],
      ['f.ts', 'const n = countOf(this.archive.db);'],
    ]);
    expect(rawDbUsers(probe)).toEqual(['a.ts', 'b.ts', 'c.ts', 'f.ts']);
  });
});

describe('findCycles', () => {
  const adj = (o: Record<string, string[]>): Map<string, string[]> => new Map(Object.entries(o));

  it('finds a circle and reports its path', () => {
    const r = findCycles(adj({ a: ['b'], b: ['c'], c: ['a'], d: ['a'] }));
    expect(r).toEqual([{ members: ['a', 'b', 'c'], cycle: ['a', 'b', 'c', 'a'] }]);
  });

  it('finds a file importing itself and a two-file circle separately', () => {
    const r = findCycles(adj({ s: ['s'], x: ['y'], y: ['x'], z: [] }));
    expect(r.map((c) => c.cycle.join('>')).sort()).toEqual(['s>s', 'x>y>x']);
  });

  it('reports a tangle of circles once, by its shortest circle through the first member', () => {
    const r = findCycles(adj({ a: ['b'], b: ['c', 'a'], c: ['b', 'd'], d: ['e'], e: ['c'] }));
    expect(r).toHaveLength(1);
    expect(r[0]!.members).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(r[0]!.cycle).toEqual(['a', 'b', 'a']);
  });

  it('finds nothing in a graph without circles (a diamond, an edge to a file outside)', () => {
    expect(findCycles(adj({ a: ['b', 'c'], b: ['d'], c: ['d'], d: ['outside'] }))).toEqual([]);
  });

  it('walks a long chain without overflowing the stack', () => {
    const n = 50_000;
    const g = new Map<string, string[]>();
    for (let i = 0; i < n; i++) g.set(`f${i}`, [`f${(i + 1) % n}`]);
    const r = findCycles(g);
    expect(r).toHaveLength(1);
    expect(r[0]!.cycle).toHaveLength(n + 1);
  });
});

describe('importsOf', () => {
  it('sees every form of import and nothing in comments or strings', () => {
    const src = `
      import a from './a.js';
      import type { B } from './b.js';
      import { type C1, type C2 } from './c.js';
      import { type D1, d2 } from './d.js';
      import './e.css';
      export * from './f.js';
      export type { G } from './g.js';
      export const h = () => import('./h.js');
      let i: typeof import('./i.js');
      import j = require('./j.js');
      // import k from './k.js';
      const l = "import m from './m.js'";
      /* export * from './n.js' */
    `;
    const got = importsOf('x.ts', src).map((i) => `${i.specifier}${i.typeOnly ? ' (type)' : ''}`);
    expect(got).toEqual([
      './a.js',
      './b.js (type)',
      './c.js (type)',
      './d.js',
      './e.css',
      './f.js',
      './g.js (type)',
      './h.js',
      './i.js (type)',
      './j.js',
    ]);
  });
});

describe('buildImportGraph on files', () => {
  let tmp: TempDir;
  beforeAll(async () => {
    tmp = await makeTempDir('vankho-import-graph-');
    mkdirSync(join(tmp.dir, 'src', 'sub'), { recursive: true });
    const w = (p: string, s: string): void => writeFileSync(join(tmp.dir, 'src', p), s);
    w('a.ts', "import { b } from './sub/b.js';\nexport const a = b;\n");
    w('sub/b.ts', "export const b = 1;\nexport const lazy = () => import('../c.js');\n");
    w('c.ts', "import { a } from './a.js';\nimport z from 'zod';\nimport { gone } from './gone.js';\n");
    w('view.tsx', "import { a } from './a';\nexport const V = () => <div>{a}</div>;\n");
  });
  afterAll(() => tmp.cleanup());

  it('resolves .js to .ts, extensionless to .ts, keeps packages, reports what is missing, and finds the circle', () => {
    const { graph, unresolved } = buildImportGraph(tmp.dir, ['src']);
    expect(graph.get('src/a.ts')?.map((e) => e.to)).toEqual(['src/sub/b.ts']);
    expect(graph.get('src/c.ts')?.map((e) => [e.to, e.local])).toEqual([
      ['src/a.ts', true],
      ['zod', false],
    ]);
    expect(graph.get('src/view.tsx')?.map((e) => e.to)).toEqual(['src/a.ts']);
    expect(unresolved).toEqual(['src/c.ts:3 → ./gone.js']);
    // The circle closes through a dynamic import.
    expect(findCycles(localAdjacency(graph)).map((c) => c.cycle)).toEqual([
      ['src/a.ts', 'src/sub/b.ts', 'src/c.ts', 'src/a.ts'],
    ]);
  });
});

describe('the layer rules', () => {
  const edge = (to: string, extra: Partial<ImportEdge> = {}): ImportEdge => ({
    to,
    local: !/^(node:|zod|electron|react)/.test(to),
    typeOnly: false,
    line: 1,
    ...extra,
  });
  const check = (from: string, to: string, typeOnly = false): string[] =>
    violations(new Map([[from, [edge(to, { typeOnly })]]]));

  it.each([
    ['main/core/app/session.ts', 'main/host/event-bus.ts', 'core imports no adapter'],
    ['main/core/search/search-service.ts', 'main/index.ts', 'core imports no adapter'],
    ['main/core/ingest/extractors/extract-pdf.ts', 'main/cli/cli-context.ts', 'core imports no adapter'],
    ['main/core/export/export-bundle.ts', 'electron', 'core imports no adapter'],
    ['main/core/archive/documents-repo.ts', 'main/core/ingest/enrich-document.ts', 'core layers point down'],
    ['main/core/archive/archive.ts', 'main/core/search/search-service.ts', 'core layers point down'],
    ['main/core/archive/archive.ts', 'main/core/app/session.ts', 'core layers point down'],
    ['main/core/jobs/cancellation.ts', 'main/core/archive/vankho-error.ts', 'core layers point down'],
    ['main/core/text/normalize.ts', 'main/core/archive/archive.ts', 'core layers point down'],
    ['main/core/ingest/import-files.ts', 'main/core/app/ports.ts', 'core layers point down'],
    ['main/core/store/documents.ts', 'main/core/archive/archive.ts', 'core layers point down'],
    ['main/contract/api.ts', 'main/core/archive/archive.ts', 'contract imports only itself and zod'],
    ['main/contract/dto.ts', 'node:fs', 'contract imports only itself and zod'],
    ['renderer/src/app/app.tsx', 'main/core/app/dispatch.ts', 'renderer and preload know only the contract'],
    [
      'renderer/src/app/app.tsx',
      'main/core/text/normalize.ts',
      'renderer and preload know only the contract',
    ],
    ['preload/preload.ts', 'main/index.ts', 'renderer and preload know only the contract'],
    ['main/host/job-registry.ts', 'main/web/web-server.ts', 'host imports no entry adapter'],
    [
      'main/index.ts',
      'main/host/host-worker.ts',
      'composition root sits between host services and their runners',
    ],
    ['main/host/job-registry.ts', 'main/index.ts', 'only runners import the composition root'],
  ])('%s → %s breaks "%s" (also as a type-only import)', (from, to, rule) => {
    expect(check(from, to)).toContain(`${rule}: ${from}:1 → ${to}`);
    expect(check(from, to, true)).toContain(`${rule}: ${from}:1 → ${to}`);
  });

  it('a core folder not placed in a layer is reported', () => {
    const g: ImportGraph = new Map([['main/core/store/documents.ts', [edge('main/contract/dto.ts')]]]);
    expect(unplacedCoreFiles(g)).toEqual(['main/core/store/documents.ts']);
  });

  it.each([
    ['main/core/app/session.ts', 'main/core/app/ports.ts'],
    ['main/core/archive/documents-repo.ts', 'main/core/archive/enrich-document.ts'],
    ['main/core/ingest/reextract.ts', 'main/core/archive/documents-repo.ts'],
    ['main/core/search/search-service.ts', 'main/core/text/normalize.ts'],
    ['main/core/archive/file-store.ts', 'main/core/jobs/fault-point.ts'],
    ['main/core/jobs/cancellation.ts', 'main/core/errors/vankho-error.ts'],
    ['main/core/text/normalize.ts', 'main/contract/fold-text.ts'],
    ['main/contract/api.ts', 'zod'],
    ['main/host/job-registry.ts', 'main/core/app/ports.ts'],
    ['main/host/host-worker.ts', 'main/index.ts'],
    ['main/index.ts', 'main/core/app/dispatch.ts'],
    ['renderer/src/app/app.tsx', 'main/contract/api.ts'],
    ['renderer/src/app/app.tsx', 'react'],
  ])('%s → %s is allowed', (from, to) => {
    expect(check(from, to)).toEqual([]);
  });
});

describe('eslint.config.js enforces the same rules on import specifiers', () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const restricted = async (file: string, specifier: string): Promise<boolean> => {
    const [r] = await eslint.lintText(`import { x } from '${specifier}';\nexport const y = x;\n`, {
      filePath: join(repoRoot, file),
    });
    return (r?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
  };

  it.each([
    ['main/core/app/session.ts', '../../host/event-bus.js'],
    ['main/core/search/search-service.ts', '../../index.js'],
    ['main/core/ingest/extractors/extract-pdf.ts', '../../../cli/cli-context.js'],
    ['main/core/export/export-bundle.ts', 'electron'],
    ['main/core/archive/documents-repo.ts', '../ingest/enrich-document.js'],
    ['main/core/archive/archive.ts', '../search/search-service.js'],
    ['main/core/archive/archive.ts', '../app/session.js'],
    ['main/core/jobs/cancellation.ts', '../archive/vankho-error.js'],
    ['main/core/text/normalize.ts', '../archive/archive.js'],
    ['main/contract/api.ts', '../core/archive/archive.js'],
    ['main/contract/dto.ts', 'node:fs'],
    ['main/contract/api/tags-api.ts', '../../core/archive/archive.js'],
    ['main/contract/api/tags-api.ts', 'node:fs'],
    ['renderer/src/app/app.tsx', '../../../main/core/app/dispatch.js'],
    ['renderer/src/app/app.tsx', '../../../main/core/text/normalize.js'],
    ['preload/preload.ts', '../main/index.js'],
    ['main/host/job-registry.ts', '../web/web-server.js'],
    ['main/index.ts', './host/host-worker.js'],
    ['main/web/web-mode.ts', 'electron'],
  ])('%s may not import %s', async (file, specifier) => {
    expect(await restricted(file, specifier)).toBe(true);
  });

  it.each([
    ['main/core/app/session.ts', './ports.js'],
    ['main/core/ingest/reextract.ts', '../archive/documents-repo.js'],
    ['main/core/archive/file-store.ts', '../jobs/fault-point.js'],
    ['main/core/jobs/cancellation.ts', '../errors/vankho-error.js'],
    ['main/core/text/normalize.ts', '../../contract/fold-text.js'],
    ['main/contract/api.ts', 'zod'],
    ['main/contract/api.ts', './dto.js'],
    ['main/contract/api/tags-api.ts', '../dto.js'],
    ['main/contract/api/tags-api.ts', './define.js'],
    ['renderer/src/app/app.tsx', '../../../main/contract/api.js'],
    ['main/index.ts', './core/app/dispatch.js'],
    ['main/electron/main.ts', 'electron'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await restricted(file, specifier)).toBe(false);
  });
});
