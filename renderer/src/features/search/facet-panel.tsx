import { useState } from 'react';
import {
  NO_YEAR,
  type FacetCount,
  type SearchFacets,
  type SearchFilters,
} from '../../../../main/contract/search-types.js';
import { formatCount } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/vi.js';

export type FacetKey =
  'types' | 'issuers' | 'years' | 'tags' | 'validity' | 'access' | 'records' | 'retention';

const FACETS: { key: FacetKey; source: keyof SearchFacets; label: MessageKey }[] = [
  { key: 'types', source: 'type', label: 'search.facet.docType' },
  { key: 'issuers', source: 'issuer', label: 'search.facet.issuer' },
  { key: 'years', source: 'year', label: 'search.facet.year' },
  { key: 'tags', source: 'tag', label: 'search.facet.tag' },
  { key: 'validity', source: 'validity', label: 'search.facet.validity' },
  { key: 'access', source: 'access', label: 'search.facet.access' },
  { key: 'records', source: 'record', label: 'search.facet.record' },
  { key: 'retention', source: 'retention', label: 'search.facet.retention' },
];

const SHOWN = 8;

/** A year facet value as the filter holds it: a year, or null for "no year". */
const yearOf = (value: string): number | null => (value === NO_YEAR ? null : Number(value));
/** The facet value a year filter stands for. */
export const yearValue = (y: number | null): string => (y === null ? NO_YEAR : String(y));

export function isSelected(filters: SearchFilters, key: FacetKey, value: string): boolean {
  if (key === 'years') return (filters.years ?? []).includes(yearOf(value));
  return ((filters[key] ?? []) as readonly string[]).includes(value);
}

/**
 * Adds or removes one facet value: several values of one facet are any of them, facets all apply
 * (each facet's counts leave its own selection out, so its other values stay there to add).
 */
export function toggleFilter(filters: SearchFilters, key: FacetKey, value: string): SearchFilters {
  if (key === 'years') {
    const y = yearOf(value);
    const cur = filters.years ?? [];
    const next = cur.includes(y) ? cur.filter((v) => v !== y) : [...cur, y];
    return { ...filters, years: next.length ? next : undefined };
  }
  const cur = (filters[key] ?? []) as readonly string[];
  const next = cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value];
  return { ...filters, [key]: next.length ? next : undefined };
}

/** What a facet value shows as: the value itself, its name (levels, statuses, periods), or "Không rõ năm". */
export function facetLabel(
  key: FacetKey,
  value: string,
  t: (k: MessageKey, vars?: Record<string, string | number>) => string,
): string {
  if (key === 'validity') return t(`validity.${value}` as MessageKey);
  if (key === 'access') return t(`record.access.${value}` as MessageKey);
  if (key === 'retention') {
    if (value === 'permanent') return t('record.retentionPermanent');
    return value === 'none' ? t('search.facet.noRecord') : t('record.retentionYears', { years: value });
  }
  return key === 'years' && value === NO_YEAR ? t('search.facet.noYear') : value;
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
  const { t, lang } = useI18n();
  const [expanded, setExpanded] = useState(false);
  // Selected values stay visible even when the current result set has none of them.
  const selected = (
    facetKey === 'years'
      ? (filters.years ?? []).map(yearValue)
      : ((filters[facetKey] ?? []) as readonly string[])
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
            title={facetLabel(facetKey, c.value, t)}
            data-testid="facet-item"
          >
            <span className="facet-check" aria-hidden="true" />
            <span className="facet-label">{facetLabel(facetKey, c.value, t)}</span>
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
