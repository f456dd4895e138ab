// The access log's detail column in words: an account change ({user, from, to}, written by
// core/accounts/account-admin.ts) reads "canbo — vai trò: cán bộ → văn thư, lưu trữ"; another JSON
// note its fields as "key: value"; a plain note (a failed sign-in's typed name) as it is. The raw
// text stays in the cell's title for whoever needs the exact record.
import type { MessageKey } from '../../i18n/vi.js';

/** The screen's t (i18n.tsx's Translate), as much of it as is used here. */
type Translate = (key: MessageKey) => string;

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

const FIELD_KEY: Record<string, MessageKey> = {
  role: 'auditDetail.role',
  disabled: 'auditDetail.disabled',
  displayName: 'auditDetail.displayName',
  grants: 'auditDetail.grants',
};
const ROLE_KEY: Record<string, MessageKey> = {
  admin: 'session.role.admin',
  archivist: 'session.role.archivist',
  reader: 'session.role.reader',
};
const LEVEL_KEY: Record<string, MessageKey> = {
  'cong-khai': 'record.access.cong-khai',
  'han-che': 'record.access.han-che',
  mat: 'record.access.mat',
};

function parse(detail: string): Json | undefined {
  try {
    return JSON.parse(detail) as Json;
  } catch {
    return undefined;
  }
}

const isObject = (v: Json | undefined): v is { [k: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function valueText(key: string, v: Json, t: Translate): string {
  if (typeof v === 'boolean') return t(v ? 'auditDetail.yes' : 'auditDetail.no');
  if (v === null) return '—';
  if (Array.isArray(v)) {
    if (v.length === 0) return '—';
    return v.map((x) => (typeof x === 'string' && LEVEL_KEY[x] ? t(LEVEL_KEY[x]) : String(x))).join(', ');
  }
  if (key === 'role' && typeof v === 'string' && ROLE_KEY[v]) return t(ROLE_KEY[v]);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

const label = (key: string, t: Translate): string => (FIELD_KEY[key] ? t(FIELD_KEY[key]) : key);

function accountChange(user: string, from: Json, to: { [k: string]: Json }, t: Translate): string {
  if (from === null && to.password !== undefined) return `${user} — ${t('auditDetail.passwordReset')}`;
  if (!isObject(from)) {
    const made = Object.entries(to).map(([k, v]) => `${label(k, t)}: ${valueText(k, v, t)}`);
    return `${user} — ${t('auditDetail.created')} (${made.join('; ')})`;
  }
  const changes = Object.keys({ ...from, ...to }).map(
    (k) => `${label(k, t)}: ${valueText(k, from[k] ?? null, t)} → ${valueText(k, to[k] ?? null, t)}`,
  );
  return `${user} — ${changes.join('; ')}`;
}

/** The detail of an audit row as a person reads it ('' for none). */
export function auditDetailText(detail: string | null, t: Translate): string {
  if (detail === null || detail === '') return '';
  const v = parse(detail);
  if (!isObject(v)) return detail;
  if (typeof v.user === 'string' && 'from' in v && isObject(v.to))
    return accountChange(v.user, v.from!, v.to, t);
  return Object.entries(v)
    .filter(([k]) => k !== 'method')
    .map(([k, x]) => `${label(k, t)}: ${valueText(k, x, t)}`)
    .join('; ');
}
