import type { SnippetPart } from '../../../../main/contract/search-types.js';

/** Renders snippet parts, marking the matched words (the server keeps the original accents). */
export function SnippetText({ parts }: { parts: SnippetPart[] }) {
  return (
    <>{parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>
  );
}
