// On the document screen: the hồ sơ the document is in and its register rows, with "Vào sổ đến" /
// "Vào sổ đi": a small form (RegisterForm) for the fields the văn thư adds; the row is numbered next
// in its register's year and filled from the document's metadata.
import { useEffect, useState } from 'react';
import type {
  DocumentDetail,
  DocumentFilingDto,
  RegisterBookDto,
  RegisterEntryDto,
} from '../../../../main/contract/dto.js';
import { formatSeq } from '../../../../main/contract/register-labels.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { useToast } from '../../app/toasts.js';
import { formatDate } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { stateKey } from './record-labels.js';
import { RegisterForm } from './register-form.js';
import { seriesShort } from './register-series.js';

export function DocumentFiling({ doc }: { doc: Pick<DocumentDetail, 'id' | 'metadata'> }) {
  const documentId = doc.id;
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const { navigate, bumpData, dataVersion } = useAppState();
  const [filing, setFiling] = useState<DocumentFilingDto | null>(null);
  /** The register whose form is open (null: none). */
  const [form, setForm] = useState<RegisterBookDto | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let alive = true;
    void api.documentFiling({ documentId }).then((r) => {
      if (alive) setFiling(r.ok ? r.value : { records: [], registrations: [] });
    });
    return () => {
      alive = false;
    };
  }, [api, documentId, dataVersion, reloads]);

  /** " (sổ QĐ)" after a number taken in a series; nothing for the ordinary one. */
  const inSeries = (series: string): string =>
    series ? ` (${t('register.inSeries', { series: seriesShort(t, series) })})` : '';

  const registered = (entry: RegisterEntryDto) => {
    setForm(null);
    toast.success(
      t('register.registered', {
        book: t(`register.book.${entry.book}`).toLocaleLowerCase(),
        seq: formatSeq(entry.seq),
        series: inSeries(entry.series),
      }),
      { label: t('register.title'), run: () => navigate({ name: 'registers' }) },
    );
    setReloads((n) => n + 1);
    bumpData();
  };

  const inBook = (b: RegisterBookDto) => filing?.registrations.some((e) => e.book === b) ?? true;

  return (
    <section className="doc-section" data-testid="document-filing">
      <h3>{t('register.filing')}</h3>
      {filing && filing.records.length === 0 && filing.registrations.length === 0 ? (
        <p className="muted">{t('register.notFiled')}</p>
      ) : null}
      {filing && filing.records.length > 0 ? (
        <ul className="filing-list" data-testid="document-records">
          {filing.records.map((r) => (
            <li key={r.code}>
              {t('record.inRecords')}:{' '}
              <button className="btn-link" onClick={() => navigate({ name: 'record', code: r.code })}>
                {r.code} — {r.title}
              </button>{' '}
              <span className="muted">({t(stateKey(r.state))})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {filing && filing.registrations.length > 0 ? (
        <ul className="filing-list" data-testid="document-registrations">
          {filing.registrations.map((e) => (
            <li key={e.id}>
              {t('register.entry', {
                book: t(`register.book.${e.book}`),
                year: e.year,
                seq: formatSeq(e.seq),
                date: formatDate(e.entryDate),
                series: inSeries(e.series),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="row" style={{ marginTop: 8, gap: 8 }}>
        {!inBook('in') ? (
          <button
            className="btn btn-small"
            disabled={form !== null}
            onClick={() => setForm('in')}
            data-testid="register-in"
          >
            {t('register.addIn')}
          </button>
        ) : null}
        {!inBook('out') ? (
          <button
            className="btn btn-small"
            disabled={form !== null}
            onClick={() => setForm('out')}
            data-testid="register-out"
          >
            {t('register.addOut')}
          </button>
        ) : null}
      </div>
      {form ? (
        <RegisterForm key={form} doc={doc} book={form} onDone={registered} onCancel={() => setForm(null)} />
      ) : null}
    </section>
  );
}
