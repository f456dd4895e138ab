// Export of the whole archive, the current search results or a tag: a ZIP bundle (the same as
// `vankho export`) or the catalogue, as a job with progress. Desktop: the host asks where to save
// and says where it went; web mode: the finished file is downloaded.
import { useEffect, useState } from 'react';
import type { ApiInput } from '../../../../main/contract/api.js';
import type { TagDto } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { ImportIcon } from '../../components/icons.js';
import { useI18n } from '../../i18n/i18n.js';
import { ExportJobStatus } from './export-job-status.js';
import { useExportJob } from './use-export-job.js';

export function ExportCard() {
  const api = useApi();
  const { t } = useI18n();
  const { archive, search, dataVersion } = useAppState();
  const { job, start: startJob, cancel } = useExportJob();
  const [scope, setScope] = useState<'all' | 'search' | 'tag'>('all');
  const [tags, setTags] = useState<TagDto[]>([]);
  const [tagName, setTagName] = useState('');
  // Mật documents are left out unless this is ticked (issue 12), every time the card is shown.
  const [includeSecret, setIncludeSecret] = useState(false);
  useEffect(() => {
    if (!archive) return;
    void api.tagsList({}).then((r) => r.ok && setTags(r.value));
  }, [api, archive, dataVersion]);

  const hasSearch = search.query.trim() !== '' || Object.keys(search.filters).length > 0;
  const scopeReady = scope === 'all' || (scope === 'search' ? hasSearch : tagName !== '');

  const start = (kind: ApiInput<'exportStart'>['kind']) =>
    startJob({
      kind,
      includeSecret,
      ...(scope === 'search'
        ? { selection: { kind: 'query', query: search.query, filters: search.filters } }
        : scope === 'tag'
          ? { selection: { kind: 'tag', name: tagName } }
          : {}),
    });

  return (
    <section className="card archive-card" data-testid="export-card">
      <h2>
        <ImportIcon /> {t('export.title')}
      </h2>
      <p>{t('export.body')}</p>
      <fieldset
        className="export-scope"
        data-testid="export-scope"
        style={{ border: 0, padding: 0, margin: '0 0 12px' }}
      >
        <legend>{t('export.scope')}</legend>
        <label className="row">
          <input
            type="radio"
            name="export-scope"
            checked={scope === 'all'}
            onChange={() => setScope('all')}
          />
          {t('export.scopeAll')}
        </label>
        <label className="row">
          <input
            type="radio"
            name="export-scope"
            checked={scope === 'search'}
            onChange={() => setScope('search')}
            data-testid="export-scope-search"
          />
          <span className="row-text">
            {hasSearch ? t('export.scopeSearch', { query: search.query }) : t('export.scopeSearchNone')}
          </span>
        </label>
        <label className="row">
          <input
            type="radio"
            name="export-scope"
            checked={scope === 'tag'}
            onChange={() => setScope('tag')}
            data-testid="export-scope-tag"
          />
          {t('export.scopeTag')}
          <select
            value={tagName}
            onChange={(e) => {
              setTagName(e.target.value);
              setScope('tag');
            }}
            data-testid="export-tag"
          >
            <option value="">{t('export.chooseTag')}</option>
            {tags.map((tag) => (
              <option key={tag.id} value={tag.name}>
                {tag.name} ({tag.documentCount})
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <label className="row export-secret" title={t('export.includeSecretHint')}>
        <input
          type="checkbox"
          checked={includeSecret}
          onChange={(e) => setIncludeSecret(e.target.checked)}
          data-testid="export-include-secret"
        />
        {t('export.includeSecret')}
      </label>
      <p className="muted" style={{ margin: '0 0 12px' }}>
        {t('export.includeSecretHint')}
      </p>
      <div className="row">
        <button
          className="btn"
          disabled={!archive || job?.running || !scopeReady}
          onClick={() => void start('bundle')}
          data-testid="export-bundle"
        >
          {t('export.bundle')}
        </button>
        <button
          className="btn"
          disabled={!archive || job?.running || !scopeReady}
          onClick={() => void start('catalogue')}
        >
          {t('export.catalogue')}
        </button>
      </div>
      <ExportJobStatus
        job={job}
        cancel={cancel}
        runningLabel={(done, total) => t('export.running', { done, total: total ?? '…' })}
      />
    </section>
  );
}
