// The hits of one result page as the contract carries them: a document's fields and files, its
// marked title, the snippets on its original text (of the section the query names, when it names
// one) and the section the best snippet lies in.

import type { SearchHit, Snippet } from '../../contract/search-types.js';
import type { HitFile, HitRow } from '../archive/search-rows.js';
import type { DocAttributeCache } from './doc-attributes.js';
import type { DocumentOutlines } from './document-outlines.js';
import { buildSnippets, markParts, type BuiltSnippet, type Marker, type PageText } from './highlight.js';
import { parseSections, sectionAt, type Section } from '../text/sections.js';

/** Where hits read a document (the service's statements and caches). */
export interface HitSources {
  attrs: DocAttributeCache;
  outlines: DocumentOutlines;
  rowOf(id: number): HitRow | undefined;
  /** Its files in reading order. */
  filesOf(id: number): HitFile[];
  /** Its pages in reading order, read lazily (snippets stop early). */
  pageTexts(id: number): Iterable<PageText>;
}

export interface HitPage {
  ids: readonly number[];
  /** Hits from this place on are partly matching documents (listed after the results). */
  partialFrom: number;
  /** The section the query names, by document holding it. */
  sectionOf: ReadonlyMap<number, Section>;
  score: Float64Array;
  /** What the query marks; null when nothing. */
  marker: Marker | null;
  snippets: boolean;
}

/** Snippets as the contract carries them (without where they were found). */
function plainSnippets(built: readonly BuiltSnippet[]): SearchHit['snippets'] {
  return built.map((b) => ({ page: b.page, fileName: b.fileName, parts: b.parts }));
}

/** The first words of a section as its snippet (marked where the query matches them). */
function openingSnippet(page: PageText, re: Marker): Snippet {
  const OPENING = 280;
  let text = page.text.replace(/\s+/g, ' ').trim();
  const cut = text.length > OPENING ? text.lastIndexOf(' ', OPENING) : -1;
  if (cut > 0) text = text.slice(0, cut);
  const parts = markParts(text, re);
  if (cut > 0) parts.push({ text: '…', match: false });
  return { page: page.page, fileName: page.fileName, parts };
}

export function buildHits(src: HitSources, p: HitPage): SearchHit[] {
  const { attrs, outlines } = src;
  const re = p.marker;
  const page = p.ids.map((id) => attrs.get(id));
  const hits: SearchHit[] = [];
  for (const [i, d] of page.entries()) {
    if (!d) continue;
    const r = src.rowOf(d.id);
    if (!r) continue;
    let snippets: SearchHit['snippets'] = [];
    let section: SearchHit['section'];
    const asked = p.sectionOf.get(d.id);
    if (asked) {
      // The section the query names: its snippets, and where it starts.
      const outline = outlines.outlineOf(d.id);
      section = { path: asked.path, page: outlines.pageAt(d.id, outline, asked.start) };
      if (p.snippets && re) {
        const own = outlines.sectionPages(d.id, asked);
        snippets = plainSnippets(buildSnippets(own, re, 3));
        // Nothing the query typed is in it ("khoản 2" is in its number, not its words): its opening.
        if (snippets.length === 0 && own[0]) snippets = [openingSnippet(own[0], re)];
      }
    }
    if (p.snippets && re && snippets.length === 0) {
      // The pages the snippets read also tell the section the best one lies in.
      const read: PageText[] = [];
      const built = buildSnippets(
        (function* (pages: Iterable<PageText>) {
          for (const pg of pages) {
            read.push(pg);
            yield pg;
          }
        })(src.pageTexts(d.id)),
        re,
        3,
      );
      snippets = plainSnippets(built);
      const best = built[0];
      if (!section && best) {
        let at = best.at;
        for (let k = 0; k < best.source; k++) at += read[k]!.text.length + 1;
        const s = sectionAt(parseSections(read.map((pg) => pg.text).join('\n')), at);
        if (s) section = { path: s.path, page: best.page };
      }
    }
    hits.push({
      id: r.id,
      uid: r.uid,
      number: r.number,
      title: r.title,
      docType: r.doc_type,
      issuer: r.issuer,
      issuedDate: r.issued_date,
      signer: r.signer,
      tags: d.tags,
      validity: attrs.validityOf(d.id),
      access: d.access,
      files: src.filesOf(d.id).map((f) => ({
        name: f.original_name,
        sha256: f.sha256,
        mediaType: f.media_type,
        role: f.role,
      })),
      score: p.score[d.id] ?? 0,
      titleParts: markParts(r.title, re),
      snippets,
      ...(section ? { section } : {}),
      ...(i >= p.partialFrom ? { partial: true } : {}),
    });
  }
  return hits;
}
