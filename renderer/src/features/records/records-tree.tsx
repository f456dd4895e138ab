// The Hồ sơ screen's tree: every hồ sơ, then the years (newest first), under each year its đề mục as the
// danh mục hồ sơ groups them (contract/record-groups.ts, the same grouping the print uses), under each
// heading its hồ sơ; each node with its count. Choosing a year or a heading narrows the list beside it;
// a hồ sơ opens. A WAI-ARIA tree: one tab stop, arrows move (Right/Left open, close or go to the child
// or the parent), Home/End, Enter or Space chooses.
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { RecordDto } from '../../../../main/contract/dto.js';
import { groupByYearAndHeading } from '../../../../main/contract/record-groups.js';
import { formatCount } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';

/** What the list shows: every hồ sơ, a year's, or those of one đề mục of a year. */
export type RecordsScope =
  { kind: 'all' } | { kind: 'year'; year: number } | { kind: 'heading'; year: number; heading: string };

export function inScope(scope: RecordsScope, r: Pick<RecordDto, 'year' | 'heading'>): boolean {
  if (scope.kind === 'all') return true;
  if (r.year !== scope.year) return false;
  return scope.kind === 'year' || r.heading === scope.heading;
}

interface Node {
  id: string;
  level: number;
  parent: string | null;
  label: string;
  count: number | null;
  /** Chosen: narrows the list; a hồ sơ (no scope) opens instead. */
  scope: RecordsScope | null;
  code: string | null;
  children: Node[];
}

const scopeId = (s: RecordsScope): string =>
  s.kind === 'all' ? 'all' : s.kind === 'year' ? `y:${s.year}` : `h:${s.year}:${s.heading}`;

export function RecordsTree({
  records,
  scope,
  onScope,
  onOpen,
}: {
  records: readonly RecordDto[];
  scope: RecordsScope;
  onScope: (scope: RecordsScope) => void;
  onOpen: (code: string) => void;
}) {
  const { t, lang } = useI18n();
  const root = useMemo<Node>(() => {
    const years = groupByYearAndHeading(records).reverse();
    return {
      id: 'all',
      level: 1,
      parent: null,
      label: t('records.tree.all'),
      count: records.length,
      scope: { kind: 'all' },
      code: null,
      children: years.map((y) => {
        const yearId = `y:${y.year}`;
        return {
          id: yearId,
          level: 2,
          parent: 'all',
          label: t('records.tree.year', { year: String(y.year) }),
          count: y.count,
          scope: { kind: 'year', year: y.year },
          code: null,
          children: y.headings.map((h) => {
            const headingId = `h:${y.year}:${h.heading}`;
            return {
              id: headingId,
              level: 3,
              parent: yearId,
              label: h.heading || t('records.tree.noHeading'),
              count: h.records.length,
              scope: { kind: 'heading', year: y.year, heading: h.heading },
              code: null,
              children: h.records.map((r) => ({
                id: `r:${r.code}`,
                level: 4,
                parent: headingId,
                label: `${r.code} — ${r.title}`,
                count: null,
                scope: null,
                code: r.code,
                children: [],
              })),
            };
          }),
        };
      }),
    };
  }, [records, t]);

  // Every hồ sơ and the years open; the headings closed (their hồ sơ are the list beside the tree).
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const isOpen = (n: Node) => n.children.length > 0 && (n.level < 3 ? !closed.has(n.id) : opened.has(n.id));
  const setOpen = (n: Node, open: boolean) => {
    const edit = (set: ReadonlySet<string>, add: boolean) => {
      const next = new Set(set);
      if (add) next.add(n.id);
      else next.delete(n.id);
      return next;
    };
    if (n.level < 3) setClosed((s) => edit(s, !open));
    else setOpened((s) => edit(s, open));
  };

  const visible: Node[] = [];
  const walk = (n: Node) => {
    visible.push(n);
    if (isOpen(n)) n.children.forEach(walk);
  };
  walk(root);

  const selected = scopeId(scope);
  const [focusId, setFocusId] = useState<string>(selected);
  const focusable = visible.some((n) => n.id === focusId) ? focusId : selected;
  const refs = useRef(new Map<string, HTMLElement>());
  const focus = (n: Node | undefined) => {
    if (!n) return;
    setFocusId(n.id);
    refs.current.get(n.id)?.focus();
  };
  const choose = (n: Node) => {
    setFocusId(n.id);
    if (n.scope) onScope(n.scope);
    else if (n.code) onOpen(n.code);
  };

  const onKey = (e: KeyboardEvent, n: Node) => {
    const i = visible.indexOf(n);
    switch (e.key) {
      case 'ArrowDown':
        focus(visible[i + 1]);
        break;
      case 'ArrowUp':
        focus(visible[i - 1]);
        break;
      case 'Home':
        focus(visible[0]);
        break;
      case 'End':
        focus(visible[visible.length - 1]);
        break;
      case 'ArrowRight':
        if (n.children.length === 0) return;
        if (isOpen(n)) focus(n.children[0]);
        else setOpen(n, true);
        break;
      case 'ArrowLeft':
        if (isOpen(n)) setOpen(n, false);
        else focus(visible.find((v) => v.id === n.parent));
        break;
      case 'Enter':
      case ' ':
        choose(n);
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const item = (n: Node) => {
    const open = isOpen(n);
    return (
      <li
        key={n.id}
        role="treeitem"
        aria-level={n.level}
        aria-selected={n.scope ? n.id === selected : undefined}
        aria-expanded={n.children.length > 0 ? open : undefined}
        tabIndex={n.id === focusable ? 0 : -1}
        ref={(el) => {
          if (el) refs.current.set(n.id, el);
          else refs.current.delete(n.id);
        }}
        onKeyDown={(e) => onKey(e, n)}
        onFocus={(e) => {
          if (e.target === e.currentTarget) setFocusId(n.id);
        }}
        data-testid="records-tree-node"
        data-node={n.id}
      >
        <div
          className={`records-tree-row${n.id === selected ? ' records-tree-selected' : ''}`}
          style={{ paddingLeft: `${(n.level - 1) * 14 + 4}px` }}
          onClick={() => choose(n)}
        >
          {n.children.length > 0 ? (
            <span
              className="records-tree-toggle"
              aria-hidden="true"
              onClick={(e) => {
                e.stopPropagation();
                setOpen(n, !open);
              }}
            >
              {open ? '▾' : '▸'}
            </span>
          ) : (
            <span className="records-tree-toggle" aria-hidden="true" />
          )}
          <span className={n.code ? 'records-tree-label record-code' : 'records-tree-label'}>{n.label}</span>
          {n.count !== null ? (
            <span className="records-tree-count" data-testid="records-tree-count">
              {formatCount(n.count, lang)}
            </span>
          ) : null}
        </div>
        {open ? <ul role="group">{n.children.map(item)}</ul> : null}
      </li>
    );
  };

  return (
    <ul className="records-tree" role="tree" aria-label={t('records.tree')} data-testid="records-tree">
      {item(root)}
    </ul>
  );
}
