// Multi-selection of documents in a result list: a checkbox per row, Shift+click selects the range
// from the last clicked row, Ctrl+A (in the list) selects every row shown. Ids, so a selection
// survives the list reloading; rows that disappear are dropped from it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

export interface Selection {
  checked: ReadonlySet<number>;
  isChecked: (id: number) => boolean;
  /** A row's checkbox was clicked (with or without Shift). */
  toggle: (index: number, shift: boolean) => void;
  selectAll: () => void;
  clear: () => void;
  /** The selected ids, in list order. */
  ids: number[];
}

export function useSelection(rowIds: readonly number[]): Selection {
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());
  const anchor = useRef<number | null>(null);

  // Keep only ids still listed (a document edited out of the review queue leaves the selection).
  useEffect(() => {
    setChecked((s) => {
      const present = new Set(rowIds);
      const kept = [...s].filter((id) => present.has(id));
      return kept.length === s.size ? s : new Set(kept);
    });
  }, [rowIds]);

  const toggle = useCallback(
    (index: number, shift: boolean) => {
      const id = rowIds[index];
      if (id === undefined) return;
      // Read the anchor now: the updater below runs later, after it moved to this row.
      const from = shift && anchor.current !== null ? Math.min(anchor.current, index) : index;
      const to = shift && anchor.current !== null ? Math.max(anchor.current, index) : index;
      setChecked((s) => {
        const next = new Set(s);
        const on = !s.has(id);
        for (let i = from; i <= to; i++) {
          const x = rowIds[i];
          if (x === undefined) continue;
          if (on) next.add(x);
          else next.delete(x);
        }
        return next;
      });
      anchor.current = index;
    },
    [rowIds],
  );
  const selectAll = useCallback(() => setChecked(new Set(rowIds)), [rowIds]);
  const clear = useCallback(() => {
    anchor.current = null;
    setChecked(new Set());
  }, []);
  const ids = useMemo(() => rowIds.filter((id) => checked.has(id)), [rowIds, checked]);
  const isChecked = useCallback((id: number) => checked.has(id), [checked]);
  return { checked, isChecked, toggle, selectAll, clear, ids };
}

/** Ctrl+A / Cmd+A on a list: select its rows instead of the page's text. */
export function isSelectAllKey(e: { key: string; ctrlKey: boolean; metaKey: boolean }): boolean {
  return (e.ctrlKey || e.metaKey) && (e.key === 'a' || e.key === 'A');
}
