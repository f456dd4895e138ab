// Citations both ways: what this document cites, who cites it, and cited numbers not in the archive.
import type { DocumentRelations, RelationDto } from '../../../../main/contract/dto.js';
import { formatDate } from '../../components/format.js';
import { useI18n, type Translate } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/vi.js';

function kindLabel(kind: string, t: Translate): string {
  const key = `relation.${kind}` as MessageKey;
  const label = t(key);
  return label === key ? kind : label;
}

function RelationRow({ rel, onOpen }: { rel: RelationDto; onOpen: (id: number) => void }) {
  const { t } = useI18n();
  if (rel.other) {
    const other = rel.other;
    return (
      <div className="relation-row" data-testid="relation">
        <span className="relation-kind">{kindLabel(rel.kind, t)}</span>
        <button className="btn-link file-name" onClick={() => onOpen(other.id)} title={other.title}>
          {[other.docType, other.number].filter(Boolean).join(' ') || other.title}
        </button>
        <span className="muted">{formatDate(other.issuedDate)}</span>
      </div>
    );
  }
  return (
    <div className="relation-row relation-missing" data-testid="relation-missing" title={rel.evidence ?? ''}>
      <span className="relation-kind">{kindLabel(rel.kind, t)}</span>
      <span className="file-name">{[rel.citedType, rel.citedNumber].filter(Boolean).join(' ') || '—'}</span>
      <span className="muted">{formatDate(rel.citedDate)}</span>
    </div>
  );
}

export function RelationsPanel({
  relations,
  onOpen,
}: {
  relations: DocumentRelations | null;
  onOpen: (id: number) => void;
}) {
  const { t } = useI18n();
  const groups: { key: MessageKey; items: RelationDto[] }[] = relations
    ? [
        { key: 'doc.cites', items: relations.cites },
        { key: 'doc.citedBy', items: relations.citedBy },
        { key: 'doc.citedMissing', items: relations.missing },
      ]
    : [];
  const empty = groups.every((g) => g.items.length === 0);
  return (
    <section className="doc-section" data-testid="relations">
      <h3>{t('doc.relations')}</h3>
      {relations === null ? <p className="muted">{t('common.loading')}</p> : null}
      {relations && empty ? <p className="muted">{t('doc.noRelations')}</p> : null}
      {groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <div className="relation-group" key={g.key}>
            <h4>
              {t(g.key)} ({g.items.length})
            </h4>
            {g.items.map((r) => (
              <RelationRow key={r.id} rel={r} onOpen={onOpen} />
            ))}
          </div>
        ))}
    </section>
  );
}
