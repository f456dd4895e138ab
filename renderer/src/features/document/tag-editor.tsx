// Tags of a document: chips to remove, an input with autocomplete over the archive's tags
// (accent-insensitive), Enter adds the highlighted tag or creates one with the typed name.
import { useEffect, useMemo, useState } from 'react';
import { fold } from '../../../../main/contract/fold-text.js';
import type { DocumentDetail, TagDto, TagRef } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { useAppState } from '../../app/app-state.js';
import { useToast } from '../../app/toasts.js';
import { CloseIcon } from '../../components/icons.js';
import { useI18n } from '../../i18n/i18n.js';

export function TagEditor({ doc, onChanged }: { doc: DocumentDetail; onChanged: (tags: TagRef[]) => void }) {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const { bumpData } = useAppState();
  const [all, setAll] = useState<TagDto[]>([]);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [sel, setSel] = useState(0);

  useEffect(() => {
    void api.tagsList({}).then((r) => {
      if (r.ok) setAll(r.value);
    });
  }, [api, doc.tags.length]);

  const typed = text.normalize('NFC').trim();
  const suggestions = useMemo(() => {
    const q = fold(typed);
    const mine = new Set(doc.tags.map((x) => x.id));
    return all
      .filter((tag) => !mine.has(tag.id) && (q === '' || fold(tag.name).includes(q)))
      .sort(
        (a, b) =>
          Number(!fold(a.name).startsWith(q)) - Number(!fold(b.name).startsWith(q)) ||
          b.documentCount - a.documentCount,
      )
      .slice(0, 8);
  }, [all, typed, doc.tags]);
  const exact = all.some((tag) => fold(tag.name) === fold(typed));
  const options: { label: string; tagId?: number; name?: string; color?: string | null }[] = [
    ...suggestions.map((s) => ({ label: s.name, tagId: s.id, color: s.color })),
    ...(typed && !exact ? [{ label: t('doc.createTag', { name: typed }), name: typed }] : []),
  ];

  const add = async (opt: { tagId?: number; name?: string }) => {
    const r = await api.documentAddTag(
      opt.tagId !== undefined
        ? { documentId: doc.id, tagId: opt.tagId }
        : { documentId: doc.id, name: opt.name ?? typed },
    );
    if (!r.ok) {
      toast.error(r.error);
      return;
    }
    setText('');
    setOpen(false);
    const tag = r.value;
    if (tag.alreadyTagged) toast.info(t('doc.tagAlready', { name: tag.name }));
    else toast.success(t(tag.reusedFrom !== null ? 'doc.tagReused' : 'doc.tagAdded', { name: tag.name }));
    onChanged([
      ...doc.tags.filter((x) => x.id !== r.value.id),
      { id: r.value.id, name: r.value.name, color: r.value.color },
    ]);
    bumpData();
  };

  const remove = async (tag: TagRef) => {
    const r = await api.documentRemoveTag({ documentId: doc.id, tagId: tag.id });
    if (!r.ok) {
      toast.error(r.error);
      return;
    }
    toast.success(t('doc.tagRemoved', { name: tag.name }));
    onChanged(doc.tags.filter((x) => x.id !== tag.id));
    bumpData();
  };

  return (
    <section className="doc-section" data-testid="tag-editor">
      <h3>{t('doc.tags')}</h3>
      <div className="tag-editor">
        {doc.tags.map((tag) => (
          <span className="chip" key={tag.id} data-testid="doc-tag">
            <span className="tag-dot" style={tag.color ? { background: tag.color } : undefined} />
            {tag.name}
            <button onClick={() => void remove(tag)} aria-label={t('doc.removeTag', { name: tag.name })}>
              <CloseIcon />
            </button>
          </span>
        ))}
        <div className="tag-input-wrap">
          <input
            className="input"
            value={text}
            placeholder={t('doc.addTag')}
            aria-label={t('doc.addTag')}
            data-testid="tag-input"
            onChange={(e) => {
              setText(e.target.value);
              setOpen(true);
              setSel(0);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => window.setTimeout(() => setOpen(false), 150)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setSel((s) => Math.min(options.length - 1, s + 1));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setSel((s) => Math.max(0, s - 1));
              } else if (e.key === 'Enter') {
                e.preventDefault();
                const exactTag = all.find((tag) => fold(tag.name) === fold(typed));
                const opt =
                  open && typed && options[sel]
                    ? options[sel]
                    : exactTag
                      ? { tagId: exactTag.id }
                      : typed
                        ? { name: typed }
                        : undefined;
                if (opt) void add(opt);
              } else if (e.key === 'Escape' && open && options.length > 0) {
                // Only closes the list; the document screen's Escape (leave field, go back) waits.
                e.preventDefault();
                setOpen(false);
              }
            }}
          />
          {open && options.length > 0 ? (
            <div className="tag-suggestions" role="listbox">
              {options.map((o, i) => (
                <button
                  key={o.tagId ?? `new:${o.name}`}
                  className={`tag-suggestion${i === sel ? ' selected' : ''}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => void add(o)}
                  role="option"
                  aria-selected={i === sel}
                >
                  <span className="tag-dot" style={o.color ? { background: o.color } : undefined} />
                  {o.label}
                </button>
              ))}
            </div>
          ) : null}
        </div>
      </div>
    </section>
  );
}
