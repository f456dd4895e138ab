// Tags: the tree of tags with document counts; rename, merge, colour, parent (nesting), delete
// (documents stay), create, and a jump to the documents carrying a tag.
import { useCallback, useEffect, useState } from 'react';
import type { TagDto } from '../../../../main/contract/dto.js';
import type { Result } from '../../../../main/contract/errors.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { useToast } from '../../app/toasts.js';
import { EmptyState } from '../../components/empty-state.js';
import { formatCount } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';

/** Tags in tree order (parents before children) with their depth. */
function treeOrder(tags: TagDto[]): { tag: TagDto; depth: number }[] {
  const byParent = new Map<number | null, TagDto[]>();
  const ids = new Set(tags.map((t) => t.id));
  for (const tag of tags) {
    const parent = tag.parentId !== null && ids.has(tag.parentId) ? tag.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), tag]);
  }
  const out: { tag: TagDto; depth: number }[] = [];
  const seen = new Set<number>();
  const visit = (parent: number | null, depth: number) => {
    for (const tag of (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'vi'))) {
      if (seen.has(tag.id)) continue;
      seen.add(tag.id);
      out.push({ tag, depth });
      visit(tag.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** Ids of `id` and all its descendants (a tag cannot become its own descendant's child). */
function descendants(tags: TagDto[], id: number): Set<number> {
  const out = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of tags) {
      if (t.parentId !== null && out.has(t.parentId) && !out.has(t.id)) {
        out.add(t.id);
        grew = true;
      }
    }
  }
  return out;
}

function TagRow({
  tag,
  depth,
  all,
  run,
  onMerge,
}: {
  tag: TagDto;
  depth: number;
  all: TagDto[];
  run: <T>(p: Promise<Result<T>>, okText: string) => Promise<boolean>;
  onMerge: (from: TagDto, into: TagDto) => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const api = useApi();
  const { setSearch, navigate } = useAppState();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(tag.name);
  const [merging, setMerging] = useState(false);
  const [mergeTarget, setMergeTarget] = useState<number | null>(null);
  const blocked = descendants(all, tag.id);
  const target = all.find((o) => o.id === mergeTarget) ?? null;

  return (
    <>
      <tr data-testid="tag-row">
        <td>
          <div className="tag-name-cell" style={{ paddingLeft: depth * 20 }}>
            <span className="tag-dot" style={tag.color ? { background: tag.color } : undefined} />
            {editing ? (
              <form
                className="row"
                onSubmit={(e) => {
                  e.preventDefault();
                  const next = name.normalize('NFC').trim();
                  if (!next || next === tag.name) {
                    setEditing(false);
                    return;
                  }
                  void api.tagRename({ tagId: tag.id, name: next }).then(async (r) => {
                    const twin =
                      !r.ok && r.error.code === 'TAG_EXISTS'
                        ? all.find((o) => o.name === r.error.detail)
                        : undefined;
                    if (twin) {
                      // An accent/case twin of another tag: offer to merge into it instead.
                      setEditing(false);
                      setMergeTarget(twin.id);
                      setMerging(true);
                      return;
                    }
                    if (await run(Promise.resolve(r), t('tags.renamed', { name: next }))) setEditing(false);
                  });
                }}
              >
                <input
                  className="input"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  autoFocus
                  style={{ width: 220 }}
                  aria-label={t('common.rename')}
                  data-testid="tag-rename-input"
                />
                <button className="btn btn-small btn-primary" type="submit">
                  {t('common.save')}
                </button>
                <button className="btn btn-small" type="button" onClick={() => setEditing(false)}>
                  {t('common.cancel')}
                </button>
              </form>
            ) : (
              <span>{tag.name}</span>
            )}
          </div>
        </td>
        <td className="muted">{t('tags.count', { count: formatCount(tag.documentCount, lang) })}</td>
        <td>
          <input
            type="color"
            className="color-input"
            value={tag.color ?? '#7b8595'}
            aria-label={`${t('tags.color')}: ${tag.name}`}
            onChange={(e) =>
              void run(api.tagSetColor({ tagId: tag.id, color: e.target.value }), t('tags.updated'))
            }
          />
        </td>
        <td>
          <select
            className="select"
            value={tag.parentId ?? ''}
            aria-label={`${t('tags.parent')}: ${tag.name}`}
            onChange={(e) =>
              void run(
                api.tagSetParent({
                  tagId: tag.id,
                  parentId: e.target.value === '' ? null : Number(e.target.value),
                }),
                t('tags.updated'),
              )
            }
          >
            <option value="">{t('tags.noParent')}</option>
            {all
              .filter((o) => !blocked.has(o.id))
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
          </select>
        </td>
        <td>
          <div className="tag-actions">
            <button
              className="btn btn-small"
              onClick={() => {
                setSearch((s) => ({ ...s, query: '', filters: { tags: [tag.name] } }));
                navigate({ name: 'search' });
              }}
            >
              {t('tags.showDocs')}
            </button>
            <button className="btn btn-small" onClick={() => setEditing(true)}>
              {t('common.rename')}
            </button>
            <button
              className="btn btn-small"
              onClick={() => {
                setMergeTarget(null);
                setMerging(true);
              }}
              disabled={all.length < 2 || merging}
            >
              {t('tags.merge')}
            </button>
            <button
              className="btn btn-small btn-danger"
              onClick={() => {
                if (window.confirm(t('tags.deleteConfirm', { name: tag.name })))
                  void run(api.tagDelete({ tagId: tag.id }), t('tags.deleted', { name: tag.name }));
              }}
            >
              {t('common.delete')}
            </button>
          </div>
        </td>
      </tr>
      {merging ? (
        <tr className="merge-row">
          <td colSpan={5}>
            <div className="merge-panel" data-testid="tag-merge-panel">
              <label className="merge-pick">
                <span>{t('tags.mergeInto', { from: tag.name })}</span>
                <select
                  className="select"
                  autoFocus
                  value={mergeTarget ?? ''}
                  onChange={(e) => setMergeTarget(e.target.value === '' ? null : Number(e.target.value))}
                  data-testid="tag-merge-target"
                >
                  <option value="">{t('tags.mergePick')}</option>
                  {all
                    .filter((o) => o.id !== tag.id)
                    .map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                </select>
              </label>
              {target ? (
                <p className="merge-confirm" data-testid="tag-merge-confirm">
                  {t('tags.mergeConfirm', {
                    from: tag.name,
                    fromCount: formatCount(tag.documentCount, lang),
                    to: target.name,
                    toCount: formatCount(target.documentCount, lang),
                  })}
                </p>
              ) : null}
              <div className="row">
                <button
                  className="btn btn-small btn-primary"
                  disabled={!target}
                  data-testid="tag-merge-ok"
                  onClick={() => {
                    if (!target) return;
                    setMerging(false);
                    void onMerge(tag, target);
                  }}
                >
                  {t('tags.mergeDo')}
                </button>
                <button className="btn btn-small" onClick={() => setMerging(false)}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}

export function TagsScreen() {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const { bumpData, dataVersion } = useAppState();
  const [tags, setTags] = useState<TagDto[] | null>(null);
  const [newName, setNewName] = useState('');

  const reload = useCallback(async () => {
    const r = await api.tagsList({});
    if (r.ok) setTags(r.value);
    else toast.error(r.error);
  }, [api, toast]);
  useEffect(() => {
    void reload();
  }, [reload, dataVersion]);

  const run = useCallback(
    async <T,>(p: Promise<Result<T>>, okText: string): Promise<boolean> => {
      const r = await p;
      if (!r.ok) {
        toast.error(r.error);
        return false;
      }
      toast.success(okText);
      bumpData();
      await reload();
      return true;
    },
    [toast, bumpData, reload],
  );

  /** Merges, then offers "Hoàn tác / Undo" in the toast (the host keeps what to restore). */
  const merge = useCallback(
    async (from: TagDto, into: TagDto) => {
      const r = await api.tagMerge({ sourceId: from.id, targetId: into.id });
      if (!r.ok) {
        toast.error(r.error);
        return;
      }
      const undoId = r.value.undoId;
      toast.success(
        t('tags.merged', { from: from.name, to: into.name }),
        undoId
          ? {
              label: t('common.undo'),
              run: () =>
                void run(
                  api.tagMergeUndo({ undoId }),
                  t('tags.mergeUndone', { from: from.name, to: into.name }),
                ),
            }
          : undefined,
      );
      bumpData();
      await reload();
    },
    [api, toast, t, run, bumpData, reload],
  );

  return (
    <div className="screen" data-testid="tags-screen">
      <div className="screen-header">
        <h1>{t('tags.title')}</h1>
      </div>
      <form
        className="new-tag-row"
        onSubmit={(e) => {
          e.preventDefault();
          const name = newName.normalize('NFC').trim();
          if (!name) return;
          void api.tagCreate({ name }).then(async (r) => {
            const text =
              r.ok && !r.value.created
                ? t('tags.reused', { name: r.value.name })
                : t('tags.created', { name });
            if (await run(Promise.resolve(r), text)) setNewName('');
          });
        }}
      >
        <input
          className="input"
          value={newName}
          onChange={(e) => setNewName(e.target.value)}
          placeholder={t('tags.newPlaceholder')}
          aria-label={t('tags.new')}
        />
        <button className="btn btn-primary" type="submit" disabled={!newName.trim()}>
          {t('tags.create')}
        </button>
      </form>
      {tags === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : tags.length === 0 ? (
        <EmptyState title={t('tags.title')} body={t('tags.empty')} />
      ) : (
        <div className="card">
          <table className="tags-table">
            <thead>
              <tr>
                <th>{t('tags.title')}</th>
                <th>{t('archive.documents')}</th>
                <th>{t('tags.color')}</th>
                <th>{t('tags.parent')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {treeOrder(tags).map(({ tag, depth }) => (
                <TagRow key={tag.id} tag={tag} depth={depth} all={tags} run={run} onMerge={merge} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
