// How a register's sổ (series) reads: the ordinary one, the mật one, a type code with its loại văn bản
// ("QĐ — Quyết định"), or the name an office gave; and the <option>s to choose one, those in use first.
import type { RegisterSeriesDto } from '../../../../main/contract/dto.js';
import { useI18n } from '../../i18n/i18n.js';

type T = ReturnType<typeof useI18n>['t'];

/** The series as a list or a choice names it. */
export function seriesLabel(t: T, s: Pick<RegisterSeriesDto, 'series' | 'typeName'>): string {
  if (s.series === '') return t('register.series.ordinary');
  if (s.series === 'mat') return t('register.series.mat');
  return s.typeName ? `${s.series} — ${s.typeName}` : s.series;
}

/** The series in a sentence or a table cell: "QĐ", "mật"; '' for the ordinary one (nothing to say). */
export function seriesShort(t: T, series: string): string {
  return series === 'mat' ? t('register.series.matShort') : series;
}

export function SeriesOptions({ series }: { series: readonly RegisterSeriesDto[] }) {
  const { t } = useI18n();
  const used = series.filter((s) => s.rows > 0);
  const other = series.filter((s) => s.rows === 0);
  const option = (s: RegisterSeriesDto) => (
    <option key={s.series} value={s.series}>
      {seriesLabel(t, s)}
    </option>
  );
  if (used.length === 0) return <>{series.map(option)}</>;
  return (
    <>
      <optgroup label={t('register.series.used')}>{used.map(option)}</optgroup>
      <optgroup label={t('register.series.other')}>{other.map(option)}</optgroup>
    </>
  );
}
