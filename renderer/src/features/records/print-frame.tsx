// A printable page the core made (mục lục văn bản, sổ văn bản): shown in a sandboxed srcdoc frame that
// may run no script, and printed from there, so what is printed is exactly the HTML the CLI writes.
import { useRef } from 'react';
import { EmptyState } from '../../components/empty-state.js';
import { BackIcon } from '../../components/icons.js';
import { useI18n } from '../../i18n/i18n.js';

export function PrintFrame({
  title,
  html,
  error,
  backLabel,
  onBack,
}: {
  title: string;
  html: string | null;
  error: string | null;
  backLabel: string;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <div className="screen catalogue-print" data-testid="catalogue-print">
      <div className="screen-header">
        <button className="btn" onClick={onBack} data-testid="print-back">
          <BackIcon /> {backLabel}
        </button>
        <h1>{title}</h1>
        <span className="spacer" />
        <button
          className="btn btn-primary"
          disabled={html === null}
          // allow-same-origin (without allow-scripts) lets this page call print() on the frame;
          // the frame itself still runs nothing.
          onClick={() => frame.current?.contentWindow?.print()}
          data-testid="catalogue-print-now"
        >
          {t('record.printNow')}
        </button>
      </div>
      {error ? <EmptyState title={t('common.error')} body={error} /> : null}
      {html !== null ? (
        <iframe
          ref={frame}
          className="catalogue-frame"
          title={title}
          sandbox="allow-same-origin allow-modals"
          srcDoc={html}
          data-testid="catalogue-frame"
        />
      ) : null}
    </div>
  );
}
