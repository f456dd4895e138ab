// "Sổ văn bản" (#/registers): the sổ đăng ký văn bản đến or đi of a year, in number order (số đến/đi,
// ngày, số ký hiệu, trích yếu, nơi gửi or người ký). Rows are entered from the document screen
// ("Vào sổ đến/đi"); a row opens its document while it is still in the archive. "In sổ" shows the
// register as the core prints it (Phụ lục IV) in a PrintFrame; "Lưu XLSX" saves the same rows. A
// period (từ ngày … đến ngày …, by ngày đến/ngày đăng ký) replaces the year for the list, the print
// and the workbook alike, so what is printed is what is shown; so does a chosen sổ (series: QĐ, CV, mật…),
// and while all are shown each row says its sổ beside its number (01 of QĐ and 01 of TB both exist).
import { useEffect, useState, type FormEvent } from 'react';
import type { RegisterBookDto, RegisterEntryDto, RegisterSeriesDto } from '../../../../main/contract/dto.js';
import { formatSeq } from '../../../../main/contract/register-labels.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { errorText } from '../../app/toasts.js';
import { EmptyState } from '../../components/empty-state.js';
import { formatCount, formatDate } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { PrintFrame } from './print-frame.js';
import { fullDay } from './register-form.js';
import { seriesLabel, seriesShort } from './register-series.js';
import './records.css';

export function RegistersScreen() {
  const api = useApi();
  const { t, lang } = useI18n();
  const { navigate, dataVersion } = useAppState();
  const [book, setBook] = useState<RegisterBookDto>('in');
  const [year, setYear] = useState(() => new Date().getFullYear());
  /** The period applied (ISO days; either may be open); null: the whole year. */
  const [period, setPeriod] = useState<{ from: string | null; to: string | null } | null>(null);
  const [draft, setDraft] = useState({ from: '', to: '' });
  const [badPeriod, setBadPeriod] = useState(false);
  /** The sổ shown (null: all of the book's); the book's series in use, to choose from. */
  const [series, setSeries] = useState<string | null>(null);
  const [seriesList, setSeriesList] = useState<RegisterSeriesDto[]>([]);
  const [entries, setEntries] = useState<RegisterEntryDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The printable register of the book and year shown (null: not printing). */
  const [print, setPrint] = useState<{ html: string | null; error: string | null } | null>(null);

  const query = {
    book,
    ...(period
      ? { ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) }
      : { year }),
    ...(series !== null ? { series } : {}),
  };
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    let alive = true;
    void api.registerSeries({ book }).then((r) => {
      if (alive && r.ok) setSeriesList(r.value.series.filter((s) => s.rows > 0));
    });
    return () => {
      alive = false;
    };
  }, [api, book, dataVersion]);

  useEffect(() => {
    let alive = true;
    void api.registerList(JSON.parse(queryKey) as typeof query).then((r) => {
      if (!alive) return;
      if (!r.ok) setError(errorText(r.error, lang));
      else {
        setError(null);
        setEntries(r.value);
      }
    });
    return () => {
      alive = false;
    };
    // queryKey stands for book, year and period.
  }, [api, queryKey, lang, dataVersion]);

  const applyPeriod = (e: FormEvent) => {
    e.preventDefault();
    const from = draft.from.trim() === '' ? null : fullDay(draft.from);
    const to = draft.to.trim() === '' ? null : fullDay(draft.to);
    const bad = (draft.from.trim() !== '' && !from) || (draft.to.trim() !== '' && !to);
    setBadPeriod(bad);
    if (bad) return;
    setPeriod(from || to ? { from, to } : null);
  };

  const saveXlsx = () => {
    void api.registerPrint({ ...query, format: 'xlsx' }).then((r) => {
      if (!r.ok) {
        setError(errorText(r.error, lang));
        return;
      }
      if (r.value.format !== 'xlsx') return;
      const bytes = Uint8Array.from(atob(r.value.base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(
        new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      );
      const a = document.createElement('a');
      a.href = url;
      // so-van-ban-den-2026.xlsx, or …-den-2026-11-08-den-2026-12-09.xlsx for a period (open ends: …).
      const span = period ? [period.from ?? '', period.to ?? ''].join('-den-').replace(/^-|-$/g, '') : year;
      // One sổ of the book: its name in the file's (so-van-ban-di-QD-2026.xlsx), without marks.
      const ofSeries =
        series === null
          ? ''
          : `-${(series || 'chung')
              .normalize('NFD')
              .replace(/[\u0300-\u036f]/g, '')
              .replace(/[đĐ]/g, 'D')}`;
      a.download = `so-van-ban-${book === 'in' ? 'den' : 'di'}${ofSeries}-${span}.xlsx`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  };

  const periodLabel = period
    ? t('register.periodOf', {
        from: period.from ? formatDate(period.from) : '…',
        to: period.to ? formatDate(period.to) : '…',
      })
    : String(year);

  const openPrint = () => {
    setPrint({ html: null, error: null });
    void api
      .registerPrintHtml(query)
      .then((r) =>
        setPrint(
          r.ok ? { html: r.value.html, error: null } : { html: null, error: errorText(r.error, lang) },
        ),
      );
  };
  if (print)
    return (
      <PrintFrame
        title={`${t(`register.book.${book}`)} ${periodLabel}`}
        html={print.html}
        error={print.error}
        backLabel={t('register.backToList')}
        onBack={() => setPrint(null)}
      />
    );

  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 10 }, (_, i) => thisYear - i);

  return (
    <div className="screen registers-screen" data-testid="registers-screen">
      <div className="screen-header">
        <h1>{t('register.title')}</h1>
        <div className="segmented" role="group" aria-label={t('register.title')}>
          {(['in', 'out'] as const).map((b) => (
            <button
              key={b}
              className={`btn btn-small${book === b ? ' active' : ''}`}
              aria-pressed={book === b}
              onClick={() => {
                setBook(b);
                setSeries(null);
              }}
              data-testid={`register-book-${b}`}
            >
              {t(`register.book.${b}`)}
            </button>
          ))}
        </div>
        <select
          className="select records-year"
          aria-label={t('record.year')}
          value={year}
          disabled={period !== null}
          onChange={(e) => setYear(Number(e.target.value))}
          data-testid="register-year"
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <select
          className="select records-year"
          aria-label={t('register.series')}
          // Values prefixed so the ordinary sổ ('') is not the same choice as all of them.
          value={series === null ? 'all' : `s:${series}`}
          onChange={(e) => setSeries(e.target.value === 'all' ? null : e.target.value.slice(2))}
          data-testid="register-series"
        >
          <option value="all">{t('register.series.all')}</option>
          {seriesList.map((s) => (
            <option key={s.series} value={`s:${s.series}`}>
              {seriesLabel(t, s)}
            </option>
          ))}
        </select>
        {entries ? (
          <span className="muted" data-testid="register-count">
            {t('register.count', { count: formatCount(entries.length, lang) })}
          </span>
        ) : null}
        {entries && entries.length > 0 ? (
          <>
            <button className="btn" onClick={openPrint} data-testid="register-print">
              {t('register.print')}
            </button>
            <button className="btn" onClick={saveXlsx} data-testid="register-xlsx">
              {t('register.saveXlsx')}
            </button>
          </>
        ) : null}
      </div>
      <form
        className="row register-period"
        style={{ flexWrap: 'wrap', gap: 8, alignItems: 'flex-end', marginBottom: 12 }}
        onSubmit={applyPeriod}
        data-testid="register-period"
      >
        {(['from', 'to'] as const).map((k) => (
          <label key={k} className="audit-filter">
            <span>{t(`register.${k}`)}</span>
            <input
              className={`input${badPeriod ? ' input-invalid' : ''}`}
              value={draft[k]}
              placeholder="dd/mm/yyyy"
              aria-invalid={badPeriod || undefined}
              onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
              data-testid={`register-${k}`}
            />
          </label>
        ))}
        <button className="btn btn-primary" type="submit" data-testid="register-period-apply">
          {t('register.period')}
        </button>
        {period ? (
          <button
            className="btn"
            type="button"
            onClick={() => {
              setDraft({ from: '', to: '' });
              setBadPeriod(false);
              setPeriod(null);
            }}
            data-testid="register-period-clear"
          >
            {t('audit.clear')}
          </button>
        ) : null}
        {badPeriod ? (
          <span className="field-error" role="alert" data-testid="register-period-error">
            {t('date.invalid')}
          </span>
        ) : null}
      </form>
      {error ? <EmptyState title={t('common.error')} body={error} /> : null}
      {entries && entries.length === 0 && !error ? (
        <EmptyState title={t('register.emptyTitle')} body={t('register.emptyBody')} />
      ) : null}
      {entries && entries.length > 0 ? (
        <table className="records-table" data-testid="register-table">
          <thead>
            <tr>
              <th>{t(`register.seq.${book}`)}</th>
              <th>{t('register.seriesColumn')}</th>
              <th>{t(`register.date.${book}`)}</th>
              <th>{t('register.number')}</th>
              <th>{t('register.docDate')}</th>
              <th>{t('register.summary')}</th>
              <th>{t(book === 'in' ? 'register.sender' : 'register.signer')}</th>
              <th>{t(book === 'in' ? 'register.dueDate' : 'register.copies')}</th>
              <th>{t('register.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="register-row" data-doc-id={e.documentId ?? ''}>
                <td className="num" data-testid="register-seq">
                  {formatSeq(e.seq)}
                </td>
                <td className="nowrap" data-testid="register-row-series">
                  {seriesShort(t, e.series)}
                </td>
                <td>{formatDate(e.entryDate)}</td>
                <td className="nowrap">{e.number ?? '—'}</td>
                <td>{formatDate(e.docDate)}</td>
                <td>
                  {e.documentId !== null ? (
                    <button
                      className="btn-link"
                      onClick={() => navigate({ name: 'document', id: e.documentId!, query: '' })}
                    >
                      {[e.docType, e.summary].filter(Boolean).join(' — ')}
                    </button>
                  ) : (
                    <>
                      {[e.docType, e.summary].filter(Boolean).join(' — ')}{' '}
                      <span className="muted">({t('register.deleted')})</span>
                    </>
                  )}
                </td>
                <td>{(book === 'in' ? e.sender : e.signer) ?? ''}</td>
                <td className="nowrap" data-testid={book === 'in' ? 'register-due' : 'register-copies'}>
                  {book === 'in' ? formatDate(e.dueDate) : (e.copies ?? '')}
                  {book === 'in' && e.urgency ? (
                    <span className="muted"> ({t(`register.urgency.${e.urgency}`)})</span>
                  ) : null}
                </td>
                <td data-testid="register-notes">{e.notes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
