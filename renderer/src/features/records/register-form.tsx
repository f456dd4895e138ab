// "Vào sổ đến/đi" on the document screen: the fields a person adds to the row the core fills from the
// document's metadata (số ký hiệu, ngày, trích yếu, nơi gửi / người ký): ngày đến or ngày đăng ký
// (today unless changed), and for the incoming register đơn vị/người nhận, hạn xử lý, độ khẩn; for the
// outgoing one số bản; ghi chú for both. Dates are typed dd/mm/yyyy and sent as ISO. The sổ (series) the
// number is taken in is chosen here: preselected with the one the core would use (registerSeries: mật
// apart; an outgoing document by its type, QĐ, CV, TB…, or the series its type went to before), or a
// new one is named: refused when empty or when it is one of those mistyped (seriesClash).
import { useEffect, useState, type FormEvent } from 'react';
import {
  REGISTER_URGENCIES,
  type DocumentDetail,
  type RegisterBookDto,
  type RegisterEntryDto,
  type RegisterSeriesDto,
  type RegisterUrgency,
} from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { errorText } from '../../app/toasts.js';
import { Field, TextField } from '../../components/field.js';
import { formatDate, parseUserDate } from '../../components/format.js';
import { seriesClash } from '../../../../main/contract/register-labels.js';
import { useI18n } from '../../i18n/i18n.js';
import { seriesLabel, SeriesOptions } from './register-series.js';

/** The choice "Sổ mới…": no series name can be it (names are NFC text, never a control character). */
const NEW_SERIES = '\u0000new';
/** As the contract's limit on a series name. */
const SERIES_MAX = 50;

/** Today as dd/mm/yyyy, in the local calendar (the day the văn thư enters the row). */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return formatDate(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`);
}

/** A register row's dates are whole days: a month or a year alone ("11/2025") is refused. */
export function fullDay(text: string): string | null {
  const iso = parseUserDate(text);
  return iso && iso.length === 10 ? iso : null;
}

export function RegisterForm({
  doc,
  book,
  onDone,
  onCancel,
}: {
  doc: Pick<DocumentDetail, 'id' | 'metadata'>;
  book: RegisterBookDto;
  onDone: (entry: RegisterEntryDto) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const { t, lang } = useI18n();
  const [entryDate, setEntryDate] = useState(today);
  const [dueDate, setDueDate] = useState('');
  const [urgency, setUrgency] = useState<RegisterUrgency | ''>('');
  const [receiver, setReceiver] = useState('');
  const [copies, setCopies] = useState('');
  const [notes, setNotes] = useState('');
  /** The series offered and the one chosen (null until the core answered: it then picks). */
  const [seriesList, setSeriesList] = useState<RegisterSeriesDto[]>([]);
  const [series, setSeries] = useState<string | null>(null);
  const [newSeries, setNewSeries] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    void api.registerSeries({ book, documentId: doc.id }).then((r) => {
      if (!alive || !r.ok) return;
      setSeriesList(r.value.series);
      setSeries(r.value.suggested);
    });
    return () => {
      alive = false;
    };
  }, [api, book, doc.id]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const entry = fullDay(entryDate);
    const due = dueDate.trim() === '' ? null : fullDay(dueDate);
    if (!entry || (dueDate.trim() !== '' && !due)) {
      setError(t('date.invalid'));
      return;
    }
    const n = copies.trim() === '' ? null : Number(copies.trim());
    if (n !== null && (!Number.isInteger(n) || n < 1)) {
      setError(t('register.badCopies'));
      return;
    }
    let chosen = series;
    if (series === NEW_SERIES) {
      const name = newSeries.normalize('NFC').trim();
      const clash = seriesClash(
        name,
        seriesList.map((s) => s.series),
      );
      if (name === '' || name.length > SERIES_MAX) {
        setError(t('register.series.newBad', { max: String(SERIES_MAX) }));
        return;
      }
      if (clash !== null) {
        const known = seriesList.find((s) => s.series === clash);
        setError(t('register.series.clash', { series: known ? seriesLabel(t, known) : clash }));
        return;
      }
      chosen = name;
    }
    setBusy(true);
    const r = await api.registerAdd({
      book,
      documentId: doc.id,
      entryDate: entry,
      ...(chosen !== null ? { series: chosen } : {}),
      ...(book === 'in' && due ? { dueDate: due } : {}),
      ...(book === 'in' && urgency ? { urgency } : {}),
      ...(book === 'in' && receiver.trim() ? { receiver } : {}),
      ...(book === 'out' && n !== null ? { copies: n } : {}),
      ...(notes.trim() ? { notes } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      setError(errorText(r.error, lang));
      return;
    }
    setError(null);
    onDone(r.value);
  };

  const m = doc.metadata;
  const copied = [m.number, m.issuedDate ? formatDate(m.issuedDate) : null, m.title]
    .filter(Boolean)
    .join(' — ');
  /** A field's change also clears the last refusal: the person is correcting it. */
  const edit = (set: (v: string) => void) => (v: string) => {
    set(v);
    setError(null);
  };

  return (
    <form className="record-form register-form" onSubmit={(e) => void submit(e)} data-testid="register-form">
      <h2>{t(book === 'in' ? 'register.addIn' : 'register.addOut')}</h2>
      {copied ? (
        <p className="muted register-form-copied" data-testid="register-form-copied">
          {t('register.copied', { what: copied })}
        </p>
      ) : null}
      <TextField
        label={t(`register.date.${book}`)}
        value={entryDate}
        onChange={edit(setEntryDate)}
        testId="register-form-date"
        placeholder="dd/mm/yyyy"
      />
      <Field label={t('register.series')}>
        <select
          className="select"
          value={series ?? ''}
          disabled={series === null}
          onChange={(e) => edit(setSeries)(e.target.value)}
          data-testid="register-form-series"
        >
          <SeriesOptions series={seriesList} />
          <option value={NEW_SERIES} data-testid="register-form-series-new-option">
            {t('register.series.newOption')}
          </option>
        </select>
      </Field>
      {series === NEW_SERIES ? (
        <TextField
          label={t('register.series.newName')}
          value={newSeries}
          onChange={edit(setNewSeries)}
          testId="register-form-new-series"
        />
      ) : null}
      {book === 'in' ? (
        <>
          <TextField
            label={t('register.dueDate')}
            value={dueDate}
            onChange={edit(setDueDate)}
            testId="register-form-due"
            placeholder="dd/mm/yyyy"
          />
          <Field label={t('register.urgency')}>
            <select
              className="select"
              value={urgency}
              onChange={(e) => setUrgency(e.target.value as RegisterUrgency | '')}
              data-testid="register-form-urgency"
            >
              <option value="">{t('register.urgency.none')}</option>
              {REGISTER_URGENCIES.map((u) => (
                <option key={u} value={u}>
                  {t(`register.urgency.${u}`)}
                </option>
              ))}
            </select>
          </Field>
          <TextField
            label={t('register.receiver')}
            value={receiver}
            onChange={edit(setReceiver)}
            testId="register-form-receiver"
          />
        </>
      ) : (
        <TextField
          label={t('register.copies')}
          value={copies}
          onChange={edit(setCopies)}
          testId="register-form-copies"
        />
      )}
      <TextField
        label={t('register.notes')}
        className="register-form-wide"
        value={notes}
        onChange={edit(setNotes)}
        testId="register-form-notes"
      />
      <div className="record-form-actions">
        <button className="btn btn-primary" type="submit" disabled={busy} data-testid="register-form-save">
          {t('register.save')}
        </button>
        <button className="btn" type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        {error ? (
          <span className="field-error" role="alert" data-testid="register-form-error">
            {error}
          </span>
        ) : null}
      </div>
    </form>
  );
}
