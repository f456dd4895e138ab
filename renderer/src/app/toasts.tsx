import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AppError } from '../../../main/contract/errors.js';
import { useI18n, type Lang } from '../i18n/i18n.js';

export type ToastKind = 'success' | 'error' | 'info';
/** A button in a toast (e.g. "Hoàn tác / Undo"); clicking it runs `run` and closes the toast. */
export interface ToastAction {
  label: string;
  run: () => void;
}
interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
  action?: ToastAction;
}

interface ToastApi {
  success: (text: string, action?: ToastAction) => void;
  info: (text: string) => void;
  error: (err: AppError | string) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** The user-facing text of a contract error in the current language (plus its safe detail). */
export function errorText(err: AppError, lang: Lang): string {
  const base = err.message[lang];
  return err.detail ? `${base} (${err.detail})` : base;
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const { lang, t } = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((x) => x.id !== id)), []);
  const push = useCallback(
    (kind: ToastKind, text: string, action?: ToastAction) => {
      const id = nextId.current++;
      setToasts((all) => [
        ...all.slice(-4),
        { id, kind, text: text.normalize('NFC'), ...(action ? { action } : {}) },
      ]);
      // A toast offering an action stays longer: it is the only way to it.
      window.setTimeout(() => dismiss(id), kind === 'error' || action ? 12000 : 5000);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({
      success: (text, action) => push('success', text, action),
      info: (text) => push('info', text),
      error: (err) => push('error', typeof err === 'string' ? err : errorText(err, lang)),
    }),
    [push, lang],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.kind}`} data-testid={`toast-${toast.kind}`}>
            <span>{toast.text}</span>
            {toast.action ? (
              <button
                className="btn btn-small toast-action"
                onClick={() => {
                  dismiss(toast.id);
                  toast.action!.run();
                }}
              >
                {toast.action.label}
              </button>
            ) : null}
            <button className="toast-close" onClick={() => dismiss(toast.id)} aria-label={t('common.close')}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const v = useContext(ToastContext);
  if (!v) throw new Error('useToast outside ToastProvider');
  return v;
}
