// Shown above a document opened from the review queue: how many others wait, and "next" (Alt+N)
// to the queue's next document; Ctrl+Enter in the form saves, confirms and moves on (metadata-form).
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { useToast } from '../../app/toasts.js';
import { useI18n } from '../../i18n/i18n.js';
import './review.css';

/** Goes to the queue's document after `documentId` (back to the queue when none is left). */
export function useReviewNext(documentId: number): () => Promise<void> {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const { navigate } = useAppState();
  return useCallback(async () => {
    const r = await api.reviewNext({ afterId: documentId });
    if (!r.ok) {
      toast.error(r.error);
      return;
    }
    if (r.value.documentId === null) {
      toast.success(t('review.done'));
      navigate({ name: 'review' });
    } else navigate({ name: 'document', id: r.value.documentId, query: '', review: true });
  }, [api, documentId, navigate, t, toast]);
}

export function ReviewBar({ documentId }: { documentId: number }) {
  const api = useApi();
  const { t } = useI18n();
  const { navigate, dataVersion } = useAppState();
  const next = useReviewNext(documentId);
  const [remaining, setRemaining] = useState<number | null>(null);

  useEffect(() => {
    let alive = true;
    void api.reviewNext({ afterId: documentId }).then((r) => {
      if (alive && r.ok) setRemaining(r.value.remaining);
    });
    return () => {
      alive = false;
    };
  }, [api, documentId, dataVersion]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && (e.key === 'n' || e.key === 'N' || e.code === 'KeyN')) {
        e.preventDefault();
        void next();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [next]);

  return (
    <div className="review-bar" data-testid="review-bar" role="region" aria-label={t('review.title')}>
      <button className="btn-link" onClick={() => navigate({ name: 'review' })}>
        {t('review.backToQueue')}
      </button>
      <span data-testid="review-remaining">
        {remaining !== null ? t('review.position', { count: remaining }) : ''}
      </span>
      <span className="muted review-keys">{t('review.keys')}</span>
      <span className="spacer" />
      <button className="btn btn-small" onClick={() => void next()} title="Alt+N" data-testid="review-next">
        {t('review.next')} →
      </button>
    </div>
  );
}

/** The sidebar's count of documents to review, refreshed whenever the archive changed. */
export function ReviewBadge() {
  const api = useApi();
  const { dataVersion, archive } = useAppState();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let alive = true;
    if (!archive) {
      setCount(null);
      return;
    }
    void api.reviewQueue({ limit: 1 }).then((r) => {
      if (alive) setCount(r.ok ? r.value.total : null);
    });
    return () => {
      alive = false;
    };
  }, [api, dataVersion, archive]);
  if (!count) return null;
  return (
    <span className="nav-badge" data-testid="review-badge">
      {count > 999 ? '999+' : count}
    </span>
  );
}
