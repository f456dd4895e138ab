import { useState } from 'react';
import type { FacetCount, SearchFacets, SearchFilters } from '../../../../main/contract/search-types.js';
import { formatCount } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/vi.js';

export type FacetKey = 'types' | 'issuers' | 'years' | 'tags';

const FACETS: { key: FacetKey; source: keyof SearchFacets; label: MessageKey }[] = [
  { key: 'types', source: 'type', label: 'search.facet.docType' },
  { key: 'issuers', source: 'issuer', label: 'search.facet.issuer' },
  { key: 'years', source: 'year', label: 'search.facet.year' },
  { key: 'tags', source: 'tag', label: 'search.facet.tag' },
];

const SHOWN = 8;

export function isSelected(filters: SearchFilters, key: FacetKey, value: string): boolean {
  if (key === 'years') return (filters.years ?? []).includes(Number(value));
  return (filters[key] ?? []).includes(value);
}

/** Adds or removes one facet value from the filters. */
export function toggleFilter(filters: SearchFilters, key: FacetKey, value: string): SearchFilters {
  if (key === 'years') {
    const y = Number(value);
    const cur = filters.years ?? [];
    const next = cur.includes(y) ? cur.filter((v) => v !== y) : [...cur, y];
    return { ...filters, years: next.length ? next : undefined };
  }
  const cur = filters[key] ?? [];
  const next = cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value];
  return { ...filters, [key]: next.length ? next : undefined };
}

function FacetList({
  facetKey,
  label,
  counts,
  filters,
  onToggle,
}: {
  facetKey: FacetKey;
  label: string;
  counts: FacetCount[];
  filters: SearchFilters;
  onToggle: (key: FacetKey, value: string) => void;
}) {
  const { lang } = useI18n();
  const [expanded, setExpanded] = useState(false);
  // Selected values stay visible even when the current result set has none of them.
  const selected = (
    facetKey === 'years' ? (filters.years ?? []).map(String) : (filters[facetKey] ?? [])
  ).filter((v) => !counts.some((c) => c.value === v));
  const all: FacetCount[] = [...selected.map((value) => ({ value, count: 0 })), ...counts];
  if (all.length === 0) return null;
  const shown = expanded ? all : all.slice(0, SHOWN);
  return (
    <section className="facet" data-testid={`facet-${facetKey}`}>
      <h3>{label}</h3>
      {shown.map((c) => {
        const active = isSelected(filters, facetKey, c.value);
        return (
          <button
            key={c.value}
            className={`facet-item${active ? ' active' : ''}`}
            onClick={() => onToggle(facetKey, c.value)}
            aria-pressed={active}
            title={c.value}
          >
            <span className="facet-label">{c.value}</span>
            <span className="facet-count">{formatCount(c.count, lang)}</span>
          </button>
        );
      })}
      {all.length > SHOWN ? (
        <button className="btn-link facet-more" onClick={() => setExpanded((e) => !e)}>
          {expanded ? '−' : `+${all.length - SHOWN}`}
        </button>
      ) : null}
    </section>
  );
}

export function FacetPanel({
  facets,
  filters,
  onToggle,
}: {
  facets: SearchFacets | null;
  filters: SearchFilters;
  onToggle: (key: FacetKey, value: string) => void;
}) {
  const { t } = useI18n();
  return (
    <aside className="facets" aria-label={t('search.filters')}>
      {FACETS.map((f) => (
        <FacetList
          key={f.key}
          facetKey={f.key}
          label={t(f.label)}
          counts={facets?.[f.source] ?? []}
          filters={filters}
          onToggle={onToggle}
        />
      ))}
    </aside>
  );
}
