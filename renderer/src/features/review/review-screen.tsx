// "Cần rà soát": documents with unconfirmed suggestions or without số ký hiệu, loại, cơ quan ban
// hành or ngày ban hành, newest import first, each with what is missing / unconfirmed. Rows can be
// selected for a bulk edit; Enter (or a click) opens one in review mode, where "next" follows the queue.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { MetadataField, ReviewItemDto } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { errorText } from '../../app/toasts.js';
import { EmptyState } from '../../components/empty-state.js';
import { formatCount, formatDate } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { BulkBar } from './bulk-bar.js';
import { FIELD_LABELS } from './field-labels.js';
import { isSelectAllKey, useSelection } from './use-selection.js';
import './review.css';

const PAGE = 200;

export function ReviewScreen() {
  const api = useApi();
  const { t, lang } = useI18n();
  const { navigate, dataVersion } = useAppState();
  const [items, setItems] = useState<ReviewItemDto[]>([]);
  const [total, setTotal] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cursor, setCursor] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  const load = useCallback(
    async (limit: number) => {
      const r = await api.reviewQueue({ limit, offset: 0 });
      if (!r.ok) {
        setError(errorText(r.error, lang));
        return;
      }
      setError(null);
      setItems(r.value.items);
      setTotal(r.value.total);
      setLoaded(true);
    },
    [api, lang],
  );
  const shown = useRef(PAGE);
  useEffect(() => {
    void load(shown.current);
  }, [load, dataVersion]);

  const ids = useMemo(() => items.map((i) => i.id), [items]);
  const selection = useSelection(ids);
  useEffect(() => setCursor((c) => Math.min(c, Math.max(0, items.length - 1))), [items.length]);

  const open = (item: ReviewItemDto) => navigate({ name: 'document', id: item.id, query: '', review: true });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (isSelectAllKey(e)) {
      e.preventDefault();
      selection.selectAll();
      return;
    }
    const item = items[cursor];
    if (e.key === 'ArrowDown') setCursor(Math.min(items.length - 1, cursor + 1));
    else if (e.key === 'ArrowUp') setCursor(Math.max(0, cursor - 1));
    else if (e.key === 'Home') setCursor(0);
    else if (e.key === 'End') setCursor(items.length - 1);
    else if (e.key === 'Enter' && item) open(item);
    else if (e.key === ' ' && item) selection.toggle(cursor, e.shiftKey);
    else return;
    e.preventDefault();
  };
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${cursor}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const names = (fields: MetadataField[]) => fields.map((f) => t(FIELD_LABELS[f])).join(', ');

  return (
    <div className="screen review-screen" data-testid="review-screen">
      <div className="screen-header">
        <h1>{t('review.title')}</h1>
        <span className="muted" data-testid="review-count">
          {t('review.count', { count: formatCount(total, lang) })}
        </span>
      </div>
      <p className="muted review-intro">{t('review.body')}</p>
      {error ? <EmptyState title={t('common.error')} body={error} /> : null}
      {loaded && !error && total === 0 ? (
        <EmptyState title={t('review.emptyTitle')} body={t('review.emptyBody')} />
      ) : null}
      {items.length > 0 ? (
        <>
          <BulkBar selection={selection} total={items.length} />
          <div
            className="review-list"
            ref={listRef}
            tabIndex={0}
            role="listbox"
            aria-multiselectable="true"
            aria-label={t('review.title')}
            aria-activedescendant={items[cursor] ? `review-row-${items[cursor].id}` : undefined}
            onKeyDown={onKeyDown}
            data-testid="review-list"
          >
            {items.map((item, index) => {
              const name = item.number ?? item.fileName ?? `#${item.id}`;
              return (
                <div
                  key={item.id}
                  id={`review-row-${item.id}`}
                  data-index={index}
                  className={`review-row${index === cursor ? ' cursor' : ''}${selection.isChecked(item.id) ? ' checked' : ''}`}
                  role="option"
                  aria-selected={selection.isChecked(item.id)}
                  data-testid="review-row"
                  data-doc-id={item.id}
                  onClick={() => {
                    setCursor(index);
                    open(item);
                  }}
                >
                  <input
                    type="checkbox"
                    className="row-check"
                    checked={selection.isChecked(item.id)}
                    aria-label={t('select.row', { name })}
                    data-testid="row-check"
                    onClick={(e) => {
                      e.stopPropagation();
                      setCursor(index);
                      selection.toggle(index, e.shiftKey);
                    }}
                    onChange={() => undefined}
                  />
                  <div className="review-main">
                    <div className="result-head">
                      <span className={`result-number${item.number ? '' : ' result-number-missing'}`}>
                        {item.number ?? item.fileName ?? t('search.noNumber')}
                      </span>
                      {item.docType ? <span className="result-type">{item.docType}</span> : null}
                      {item.issuer ? <span className="result-issuer">{item.issuer}</span> : null}
                      <span className="result-date">{formatDate(item.issuedDate)}</span>
                    </div>
                    <div className="result-title">{item.title || t('search.untitled')}</div>
                    <div className="review-needs">
                      {item.missing.length > 0 ? (
                        <span className="badge badge-failed" data-testid="review-missing">
                          {t('review.missing')}: {names(item.missing)}
                        </span>
                      ) : null}
                      {item.unconfirmed.length > 0 ? (
                        <span className="badge badge-auto" data-testid="review-unconfirmed">
                          {t('review.unconfirmed')}: {names(item.unconfirmed)}
                        </span>
                      ) : null}
                      {item.olderRules ? (
                        <span className="badge badge-auto" data-testid="review-older-rules">
                          {t('review.olderRules')}
                        </span>
                      ) : null}
                    </div>
                  </div>
                </div>
              );
            })}
            {items.length < total ? (
              <button
                className="btn review-more"
                onClick={() => {
                  shown.current += PAGE;
                  void load(shown.current);
                }}
              >
                {t('common.loading').replace('…', '')} +{Math.min(PAGE, total - items.length)}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </div>
  );
}
