// Archive screen: pick a ZIP bundle exported by VanKho and merge it (the same checks and report as
// `vankho import-bundle`, through the bundle offers the Import screen shows too).
import { useRef } from 'react';
import { useAppState } from '../../app/app-state.js';
import { ImportIcon } from '../../components/icons.js';
import { useI18n } from '../../i18n/i18n.js';
import { BundleOffers } from '../import/bundle-merge.js';

export function BundleImportCard() {
  const { t } = useI18n();
  const { archive, offerBundles } = useAppState();
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className="card archive-card" data-testid="bundle-import-card">
      <h2>
        <ImportIcon /> {t('bundle.importTitle')}
      </h2>
      <p>{t('bundle.importBody')}</p>
      <div className="row">
        <button className="btn" disabled={!archive} onClick={() => input.current?.click()}>
          {t('bundle.pick')}
        </button>
      </div>
      <input
        ref={input}
        type="file"
        hidden
        accept=".zip,application/zip"
        data-testid="bundle-file-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length > 0) void offerBundles(files);
        }}
      />
      <BundleOffers />
    </section>
  );
}
