// The bar above a list with selected documents: one field for all of them (cơ quan ban hành, loại,
// ngày ban hành), a tag, or "confirm all suggestions"; add the selection to a hồ sơ; re-extract it; and the undo of the
// last bulk change (remembered by the archive, so it is offered after a reload too).
import { useEffect, useState } from 'react';
import type { ApiInput } from '../../../../main/contract/api.js';
import type { BulkChangeDto } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { useToast } from '../../app/toasts.js';
import { formatDate, parseUserDate } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/vi.js';
import { ReextractControl } from './reextract-control.js';
import { ExportBundleButton } from '../archive/export-bundle-button.js';
import { AddToRecord } from '../records/add-to-record.js';
import type { Selection } from './use-selection.js';
import './review.css';

type Action = 'issuer' | 'docType' | 'issuedDate' | 'addTag' | 'confirmAll';
const ACTIONS: Array<{ action: Action; label: MessageKey }> = [
  { action: 'issuer', label: 'bulk.setIssuer' },
  { action: 'docType', label: 'bulk.setDocType' },
  { action: 'issuedDate', label: 'bulk.setDate' },
  { action: 'addTag', label: 'bulk.addTag' },
  { action: 'confirmAll', label: 'bulk.confirmAll' },
];
const ACTION_OF: Record<BulkChangeDto['kind'], Action | null> = {
  set: null,
  addTag: 'addTag',
  confirmAll: 'confirmAll',
};

export function BulkBar({
  selection,
  total,
  compact,
}: {
  selection: Selection;
  total: number;
  /** Nothing selected: show only the undo (no hint line), or nothing. */
  compact?: boolean;
}) {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const { bumpData, dataVersion } = useAppState();
  const [action, setAction] = useState<Action>('issuer');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<BulkChangeDto | null>(null);
  const count = selection.ids.length;

  useEffect(() => {
    let alive = true;
    void api.bulkLast({}).then((r) => {
      if (alive) setLast(r.ok ? r.value : null);
    });
    return () => {
      alive = false;
    };
  }, [api, dataVersion]);

  const describe = (c: BulkChangeDto): string => {
    const a = c.kind === 'set' ? (c.field as Action) : ACTION_OF[c.kind];
    const label = ACTIONS.find((x) => x.action === a)?.label;
    const v = c.field === 'issuedDate' ? formatDate(c.value) : c.value;
    return `${label ? t(label) : c.kind}${v ? ` “${v}”` : ''}`;
  };

  const apply = async () => {
    let change: ApiInput<'documentsBulkUpdate'>['change'];
    const v = value.normalize('NFC').trim();
    if (action === 'confirmAll') change = { kind: 'confirmAll' };
    else if (v === '') {
      setError(t('bulk.valueRequired'));
      return;
    } else if (action === 'addTag') change = { kind: 'addTag', name: v };
    else if (action === 'issuedDate') {
      const iso = parseUserDate(v);
      if (!iso) {
        setError(t('date.invalid'));
        return;
      }
      change = { kind: 'set', field: 'issuedDate', value: iso };
    } else change = { kind: 'set', field: action, value: v };
    setError(null);
    setBusy(true);
    const r = await api.documentsBulkUpdate({ documentIds: selection.ids, change });
    setBusy(false);
    if (!r.ok) {
      toast.error(r.error);
      return;
    }
    toast.success(t('bulk.applied', { count: r.value.documentCount }));
    setLast(r.value);
    bumpData();
  };

  const undo = async () => {
    const r = await api.bulkUndo({});
    if (!r.ok) {
      toast.error(r.error);
      return;
    }
    if (!r.value) toast.info(t('bulk.nothingToUndo'));
    else if (r.value.skipped > 0)
      toast.info(t('bulk.undoneSkipped', { restored: r.value.restored, skipped: r.value.skipped }));
    else toast.success(t('bulk.undone', { restored: r.value.restored }));
    bumpData();
  };

  const undoButton = last ? (
    <button
      className="btn btn-small"
      onClick={() => void undo()}
      data-testid="bulk-undo"
      title={t('bulk.undo')}
    >
      ↶ {t('bulk.undoWhat', { what: describe(last), count: last.documentCount })}
    </button>
  ) : null;

  if (count === 0) {
    if (compact && !last) return null;
    return (
      <div className="bulk-bar bulk-bar-idle" data-testid="bulk-bar-idle">
        {compact ? null : <span className="muted">{t('select.hint')}</span>}
        <span className="spacer" />
        {undoButton}
      </div>
    );
  }
  return (
    <div className="bulk-bar" data-testid="bulk-bar" role="region" aria-label={t('bulk.field')}>
      <strong data-testid="bulk-count">{t('select.count', { count })}</strong>
      {count < total ? (
        <button className="btn-link" onClick={selection.selectAll}>
          {t('select.all')}
        </button>
      ) : null}
      <button className="btn-link" onClick={selection.clear}>
        {t('select.clear')}
      </button>
      <form
        className="bulk-form"
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <select
          className="select"
          value={action}
          aria-label={t('bulk.field')}
          data-testid="bulk-action"
          onChange={(e) => {
            setAction(e.target.value as Action);
            setError(null);
          }}
        >
          {ACTIONS.map((a) => (
            <option key={a.action} value={a.action}>
              {t(a.label)}
            </option>
          ))}
        </select>
        {action !== 'confirmAll' ? (
          <input
            className={`input${error ? ' input-invalid' : ''}`}
            value={value}
            aria-label={t('bulk.value')}
            aria-invalid={error ? true : undefined}
            placeholder={action === 'issuedDate' ? t('doc.datePlaceholder') : t('bulk.value')}
            data-testid="bulk-value"
            onChange={(e) => {
              setValue(e.target.value);
              setError(null);
            }}
          />
        ) : null}
        <button className="btn btn-primary btn-small" type="submit" disabled={busy} data-testid="bulk-apply">
          {t('bulk.apply', { count })}
        </button>
        {error ? (
          <span className="field-error" role="alert" data-testid="bulk-error">
            {error}
          </span>
        ) : null}
      </form>
      <span className="spacer" />
      <AddToRecord documentIds={selection.ids} />
      <ReextractControl documentIds={selection.ids} label={t('reextract.selected', { count })} small />
      <ExportBundleButton
        documentIds={selection.ids}
        label={t('export.selected', { count })}
        testId="export-selected"
      />
      {undoButton}
    </div>
  );
}
