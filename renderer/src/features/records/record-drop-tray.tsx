// Search results dragged onto a hồ sơ (issue 12: "add documents from search results by multi-select
// or drag"). While a result is dragged, the facet column shows the open hồ sơ as drop targets; a drop
// adds the dragged documents (the row, or every checked row when the dragged one is checked) as
// "Thêm vào hồ sơ…" does. The ids travel in the drag's data under their own type, so nothing but a
// result row is accepted.
import { useState, type DragEvent } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { useAddToRecord, useOpenRecords } from './add-to-record.js';
import './records.css';

export const DOCUMENTS_DRAG_TYPE = 'application/x-vankho-documents';

/** Puts the documents a drag carries in its data (a result row's dragstart). */
export function startDocumentsDrag(e: DragEvent, documentIds: readonly number[]): void {
  e.dataTransfer.setData(DOCUMENTS_DRAG_TYPE, JSON.stringify(documentIds));
  e.dataTransfer.effectAllowed = 'copy';
}

/** The documents a drop carries, or null when it is no drag of documents. */
function droppedDocuments(e: DragEvent): number[] | null {
  try {
    const v: unknown = JSON.parse(e.dataTransfer.getData(DOCUMENTS_DRAG_TYPE) || 'null');
    return Array.isArray(v) && v.every((x) => Number.isInteger(x)) ? (v as number[]) : null;
  } catch {
    return null;
  }
}

const carriesDocuments = (e: DragEvent): boolean => e.dataTransfer.types.includes(DOCUMENTS_DRAG_TYPE);

export function RecordDropTray({ count, onDone }: { count: number; onDone: () => void }) {
  const { t } = useI18n();
  const records = useOpenRecords(true);
  const addTo = useAddToRecord();
  const [over, setOver] = useState<string | null>(null);

  const onDragOver = (code: string) => (e: DragEvent) => {
    if (!carriesDocuments(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(code);
  };
  const onDrop = (code: string) => (e: DragEvent) => {
    const ids = droppedDocuments(e);
    if (!ids) return;
    e.preventDefault();
    setOver(null);
    onDone();
    void addTo(code, ids);
  };

  return (
    <div className="record-drop-tray" data-testid="record-drop-tray">
      <h3>{t('record.dropTitle')}</h3>
      <p className="muted">{t('record.dropCount', { count })}</p>
      {records?.length === 0 ? <p className="muted">{t('record.noOpen')}</p> : null}
      {records?.map((r) => (
        <div
          key={r.id}
          className={`record-drop-target${over === r.code ? ' over' : ''}`}
          onDragOver={onDragOver(r.code)}
          onDragLeave={() => setOver((c) => (c === r.code ? null : c))}
          onDrop={onDrop(r.code)}
          data-testid="record-drop-target"
          data-code={r.code}
        >
          <span className="record-drop-code">{r.code}</span>
          <span className="record-drop-title">{r.title}</span>
        </div>
      ))}
    </div>
  );
}
