import { useEffect, useRef } from 'react';

export interface Shortcuts {
  focusSearch: (viaFind: boolean) => void;
  importFiles: () => void;
}

/**
 * Global keyboard shortcuts: Ctrl/Cmd+K and Ctrl/Cmd+F focus search, Ctrl/Cmd+O imports. Handled in
 * the capture phase so they work from any field and override the browser's own find/open.
 */
export function useShortcuts(handlers: Shortcuts): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const key = e.key.toLowerCase();
      if (key === 'k' || key === 'f') {
        e.preventDefault();
        ref.current.focusSearch(key === 'f');
      } else if (key === 'o') {
        e.preventDefault();
        ref.current.importFiles();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
