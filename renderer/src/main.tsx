// Renderer entry: zod configured before any schema is used (no eval under the CSP), bundled fonts
// and styles, then the app with whichever transport exists.
import './zod-jitless.js';
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/500.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './app/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/create-api.js';
import { App } from './app/app.js';
import { SessionGate } from './app/session-gate.js';
import { I18nProvider } from './i18n/i18n.js';

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('#root missing from index.html');
const start = createApi();
createRoot(rootEl).render(
  <StrictMode>
    <I18nProvider>{start.ok ? <App api={start.api} /> : <SessionGate />}</I18nProvider>
  </StrictMode>,
);
