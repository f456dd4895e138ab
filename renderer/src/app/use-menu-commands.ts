import { useEffect, useRef } from 'react';
import { useApi } from './api-context.js';
import { useAppState } from './app-state.js';

/** Applies the desktop menu's commands (menuCommand events); web mode simply never sends them. */
export function useMenuCommands(handlers: { openImport: () => void; toggleLanguage: () => void }): void {
  const api = useApi();
  const { navigate, requestSearchFocus } = useAppState();
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    return api.onEvent((event) => {
      if (event.type !== 'menuCommand') return;
      switch (event.command) {
        case 'focusSearch':
          navigate({ name: 'search' });
          requestSearchFocus();
          break;
        case 'showImport':
          ref.current.openImport();
          break;
        case 'showTags':
          navigate({ name: 'tags' });
          break;
        case 'showAudit':
          navigate({ name: 'audit' });
          break;
        case 'showArchive':
        case 'showExport':
          navigate({ name: 'archive' });
          break;
        case 'toggleLanguage':
          ref.current.toggleLanguage();
          break;
        case 'showHelp':
          navigate({ name: 'search' });
          break;
      }
    });
  }, [api, navigate, requestSearchFocus]);
}
