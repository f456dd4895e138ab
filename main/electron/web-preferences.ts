// The renderer lock-down every VanKho window shares (the local app and a shared server's page): no
// Node, sandboxed, isolated, nothing that lets a page widen its own powers.
import type { WebPreferences } from 'electron';

export const LOCKED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const satisfies WebPreferences;
