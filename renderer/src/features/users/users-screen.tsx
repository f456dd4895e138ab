// "Tài khoản / Accounts" (#/users), for an office server's administrators: every account with its
// role, the levels it reads and its state; a form to add one; per account a role picker, the extra
// levels of a reader, disable / enable and a password reset. The core judges everything (a weak
// password, the last administrator) and its message is shown as it comes; another role meets
// FORBIDDEN, said as such. Below, the office's units (đơn vị, phòng ban); each account's units are
// added and removed in its row (a seconded cán bộ has several, as `vankho users unit NAME A B` gives).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  RECORD_ACCESS_LEVELS,
  USER_ROLES,
  type CallerRole,
  type RecordAccessLevel,
  type UnitDto,
  type UserDto,
} from '../../../../main/contract/dto.js';
import { formatDateTime } from '../../../../main/contract/dates.js';
import type { AppError, Result } from '../../../../main/contract/errors.js';
import { useApi } from '../../app/api-context.js';
import { errorText, useToast } from '../../app/toasts.js';
import { AccessBadge } from '../../components/access-badge.js';
import { EmptyState } from '../../components/empty-state.js';
import { formatCount } from '../../components/format.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/vi.js';
import '../records/records.css';

const ROLE_KEY: Record<CallerRole, MessageKey> = {
  admin: 'session.role.admin',
  archivist: 'session.role.archivist',
  reader: 'session.role.reader',
};
/** What may be granted to a reader beyond công khai, which every account reads. */
const GRANTABLE = RECORD_ACCESS_LEVELS.filter((l) => l !== 'cong-khai');

function LevelChoice({
  value,
  onChange,
  testId,
  disabled,
}: {
  value: readonly RecordAccessLevel[];
  onChange: (next: RecordAccessLevel[]) => void;
  testId: string;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <span className="row" style={{ gap: 8 }} data-testid={testId}>
      {GRANTABLE.map((l) => (
        <label key={l} className="row" style={{ gap: 4 }}>
          <input
            type="checkbox"
            checked={value.includes(l)}
            disabled={disabled}
            onChange={(e) => onChange(e.target.checked ? [...value, l] : value.filter((x) => x !== l))}
            data-level={l}
          />
          <span>{t(`record.access.${l}`)}</span>
        </label>
      ))}
    </span>
  );
}

function RoleSelect({
  value,
  onChange,
  testId,
  label,
}: {
  value: CallerRole;
  onChange: (role: CallerRole) => void;
  testId: string;
  label: string;
}) {
  const { t } = useI18n();
  return (
    <select
      className="select"
      value={value}
      aria-label={label}
      onChange={(e) => onChange(e.target.value as CallerRole)}
      data-testid={testId}
    >
      {USER_ROLES.map((r) => (
        <option key={r} value={r}>
          {t(ROLE_KEY[r])}
        </option>
      ))}
    </select>
  );
}

/**
 * An account's units (đơn vị), one chip each with its remove button, and a picker adding another
 * (a seconded or concurrent cán bộ belongs to several). Each change sends the whole new set.
 */
function UnitsOfAccount({
  user,
  mine,
  units,
  busy,
  onChange,
}: {
  user: UserDto;
  mine: readonly UnitDto[];
  units: readonly UnitDto[];
  busy: boolean;
  onChange: (unitIds: number[], done: string) => void;
}) {
  const { t } = useI18n();
  const ids = mine.map((x) => x.id);
  const free = units.filter((x) => !ids.includes(x.id));
  return (
    <>
      <span className="row" style={{ gap: 4, flexWrap: 'wrap' }}>
        {mine.length === 0 ? <span className="muted">{t('users.noUnit')}</span> : null}
        {mine.map((x) => (
          <span key={x.id} className="chip" data-testid="user-unit" data-name={x.name}>
            {x.name}
            <button
              type="button"
              aria-label={t('users.unitLeave', { unit: x.name, name: user.username })}
              title={t('users.unitLeave', { unit: x.name, name: user.username })}
              disabled={busy}
              onClick={() =>
                onChange(
                  ids.filter((id) => id !== x.id),
                  t('users.unitLeft', { unit: x.name, name: user.username }),
                )
              }
              data-testid="user-unit-remove"
            >
              ×
            </button>
          </span>
        ))}
      </span>
      {free.length > 0 ? (
        <select
          className="select"
          style={{ marginTop: 4 }}
          aria-label={t('users.unitJoinLabel', { name: user.username })}
          value=""
          disabled={busy}
          onChange={(e) => {
            const picked = free.find((x) => x.id === Number(e.target.value));
            if (picked)
              onChange(
                [...ids, picked.id],
                t('users.unitJoined', { unit: picked.name, name: user.username }),
              );
          }}
          data-testid="user-unit-add"
        >
          <option value="">{t(mine.length === 0 ? 'users.unitJoin' : 'users.unitJoinMore')}</option>
          {free.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      ) : null}
    </>
  );
}

interface Draft {
  username: string;
  displayName: string;
  role: CallerRole;
  readable: RecordAccessLevel[];
  password: string;
}
const EMPTY_DRAFT: Draft = { username: '', displayName: '', role: 'reader', readable: [], password: '' };

export function UsersScreen() {
  const api = useApi();
  const toast = useToast();
  const { t, lang } = useI18n();
  const [users, setUsers] = useState<UserDto[] | null>(null);
  const [units, setUnits] = useState<UnitDto[]>([]);
  const [unitName, setUnitName] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [createError, setCreateError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  /** The account whose password reset form is open, and what was typed there. */
  const [resetting, setResetting] = useState<{ id: number; password: string; error: AppError | null } | null>(
    null,
  );

  const load = useCallback(() => {
    void api.usersList({}).then((r) => {
      if (r.ok) {
        setError(null);
        setUsers(r.value);
      } else {
        setError(r.error);
        setUsers(null);
      }
    });
    void api.unitsList({}).then((r) => setUnits(r.ok ? r.value : []));
  }, [api]);
  useEffect(load, [load]);

  /** Runs a change; on success says so and reloads, on a refusal shows the core's message. */
  const apply = async (run: () => Promise<Result<UserDto>>, done: MessageKey): Promise<AppError | null> => {
    setBusy(true);
    const r = await run();
    setBusy(false);
    if (!r.ok) {
      toast.error(r.error);
      return r.error;
    }
    toast.success(t(done, { name: r.value.username }));
    load();
    return null;
  };

  /** A unit change: says so and reloads, or shows the core's refusal. */
  const applyUnit = async <T,>(run: () => Promise<Result<T>>, done: string): Promise<boolean> => {
    setBusy(true);
    const r = await run();
    setBusy(false);
    if (!r.ok) {
      toast.error(r.error);
      return false;
    }
    toast.success(done);
    load();
    return true;
  };
  const unitsOf = (u: UserDto): UnitDto[] => units.filter((x) => x.memberIds.includes(u.id));
  const addUnit = (e: FormEvent) => {
    e.preventDefault();
    const name = unitName.normalize('NFC').trim();
    void applyUnit(() => api.unitsCreate({ name }), t('users.unitAdded', { name })).then(
      (ok) => ok && setUnitName(''),
    );
  };

  const create = (e: FormEvent) => {
    e.preventDefault();
    void apply(
      () =>
        api.usersCreate({
          username: draft.username.normalize('NFC').trim(),
          ...(draft.displayName.trim() ? { displayName: draft.displayName } : {}),
          role: draft.role,
          readable: draft.role === 'reader' ? draft.readable : [],
          password: draft.password,
        }),
      'users.created',
    ).then((err) => {
      setCreateError(err);
      if (!err) setDraft(EMPTY_DRAFT);
      else setDraft((d) => ({ ...d, password: '' }));
    });
  };

  const resetPassword = (e: FormEvent, u: UserDto) => {
    e.preventDefault();
    if (!resetting) return;
    const password = resetting.password;
    void apply(() => api.usersResetPassword({ userId: u.id, password }), 'users.passwordReset').then((err) =>
      setResetting(err ? { id: u.id, password: '', error: err } : null),
    );
  };

  if (error)
    return (
      <div className="screen users-screen" data-testid="users-screen">
        <div className="screen-header">
          <h1>{t('users.title')}</h1>
        </div>
        <EmptyState
          title={t(error.code === 'FORBIDDEN' ? 'users.forbidden' : 'common.error')}
          body={errorText(error, lang)}
        />
      </div>
    );

  return (
    <div className="screen users-screen" data-testid="users-screen">
      <div className="screen-header">
        <h1>{t('users.title')}</h1>
        {users ? (
          <span className="muted" data-testid="users-count">
            {t('users.count', { count: formatCount(users.length, lang) })}
          </span>
        ) : null}
      </div>
      <p className="muted">{t('users.body')}</p>

      {users ? (
        <table className="records-table" data-testid="users-table">
          <thead>
            <tr>
              <th>{t('users.username')}</th>
              <th>{t('users.displayName')}</th>
              <th>{t('users.role')}</th>
              <th>{t('users.levels')}</th>
              <th>{t('users.unit')}</th>
              <th>{t('users.state')}</th>
              <th>{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr
                key={u.id}
                data-testid="user-row"
                data-username={u.username}
                data-role={u.role}
                data-disabled={u.disabled}
              >
                <td className="nowrap">
                  <strong>{u.username}</strong>
                </td>
                <td>{u.displayName}</td>
                <td>
                  <RoleSelect
                    value={u.role}
                    label={`${t('users.role')}: ${u.username}`}
                    testId="user-role"
                    onChange={(role) =>
                      void apply(() => api.usersUpdate({ userId: u.id, role }), 'users.updated')
                    }
                  />
                </td>
                <td>
                  <span className="row" style={{ gap: 4, flexWrap: 'wrap' }} data-testid="user-levels">
                    {u.readable.map((l) => (
                      <AccessBadge key={l} level={l} always />
                    ))}
                  </span>
                  {u.role === 'reader' ? (
                    <LevelChoice
                      value={u.grants}
                      testId="user-grants"
                      disabled={busy}
                      onChange={(readable) =>
                        void apply(() => api.usersUpdate({ userId: u.id, readable }), 'users.updated')
                      }
                    />
                  ) : null}
                </td>
                <td data-testid="user-units">
                  <UnitsOfAccount
                    user={u}
                    mine={unitsOf(u)}
                    units={units}
                    busy={busy}
                    onChange={(unitIds, done) =>
                      void applyUnit(() => api.usersSetUnits({ userId: u.id, unitIds }), done)
                    }
                  />
                </td>
                <td data-testid="user-state">
                  {u.disabled ? t('users.disabled') : t('users.active')}
                  {u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() ? (
                    <div className="muted">
                      {t('users.lockedUntil', { time: formatDateTime(u.lockedUntil) })}
                    </div>
                  ) : null}
                </td>
                <td>
                  <div className="row" style={{ gap: 6, flexWrap: 'wrap' }}>
                    <button
                      className="btn btn-small"
                      disabled={busy}
                      onClick={() =>
                        void apply(
                          () => api.usersUpdate({ userId: u.id, disabled: !u.disabled }),
                          'users.updated',
                        )
                      }
                      data-testid="user-toggle-disabled"
                    >
                      {u.disabled ? t('users.enable') : t('users.disable')}
                    </button>
                    <button
                      className="btn btn-small"
                      onClick={() => setResetting({ id: u.id, password: '', error: null })}
                      data-testid="user-reset-open"
                    >
                      {t('users.resetPassword')}
                    </button>
                  </div>
                  {resetting?.id === u.id ? (
                    <form
                      className="row"
                      style={{ gap: 6, marginTop: 6 }}
                      onSubmit={(e) => resetPassword(e, u)}
                    >
                      <input
                        className="input"
                        type="password"
                        autoComplete="new-password"
                        aria-label={`${t('users.newPassword')}: ${u.username}`}
                        placeholder={t('users.newPassword')}
                        value={resetting.password}
                        onChange={(e) => setResetting({ ...resetting, password: e.target.value })}
                        data-testid="user-reset-password"
                        required
                      />
                      <button className="btn btn-small btn-primary" type="submit" disabled={busy}>
                        {t('users.save')}
                      </button>
                      <button className="btn btn-small" type="button" onClick={() => setResetting(null)}>
                        {t('users.cancel')}
                      </button>
                      {resetting.error ? (
                        <div className="field-error" role="alert">
                          {errorText(resetting.error, lang)}
                        </div>
                      ) : null}
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <section className="card" style={{ marginTop: 16, padding: 16 }} data-testid="units-card">
        <h2>{t('users.unitsTitle')}</h2>
        <p className="muted">{t('users.unitsBody')}</p>
        <ul style={{ listStyle: 'none', padding: 0 }}>
          {units.map((x) => (
            <li key={x.id} className="row" style={{ gap: 8 }} data-testid="unit-row" data-name={x.name}>
              <strong>{x.name}</strong>
              <span className="muted">
                {(users ?? [])
                  .filter((u) => x.memberIds.includes(u.id))
                  .map((u) => u.username)
                  .join(', ')}
              </span>
              <button
                type="button"
                className="btn btn-small"
                disabled={busy}
                onClick={() =>
                  void applyUnit(
                    () => api.unitsDelete({ unitId: x.id }),
                    t('users.unitRemoved', { name: x.name }),
                  )
                }
                data-testid="unit-remove"
              >
                {t('users.unitRemove', { name: x.name })}
              </button>
            </li>
          ))}
        </ul>
        <form className="row" style={{ gap: 8, alignItems: 'flex-end' }} onSubmit={addUnit}>
          <label className="users-field">
            <span>{t('users.unitName')}</span>
            <input
              className="input"
              value={unitName}
              onChange={(e) => setUnitName(e.target.value)}
              required
              data-testid="unit-new-name"
            />
          </label>
          <button className="btn" type="submit" disabled={busy} data-testid="unit-add">
            {t('users.unitAdd')}
          </button>
        </form>
      </section>

      <form
        className="card users-create"
        onSubmit={create}
        data-testid="user-create-form"
        style={{ marginTop: 16, padding: 16 }}
      >
        <h2>{t('users.createTitle')}</h2>
        <div className="row" style={{ flexWrap: 'wrap', gap: 12, alignItems: 'flex-end' }}>
          <label className="users-field">
            <span>{t('users.username')}</span>
            <input
              className="input"
              name="username"
              autoComplete="off"
              value={draft.username}
              onChange={(e) => setDraft({ ...draft, username: e.target.value })}
              required
              data-testid="user-new-username"
            />
          </label>
          <label className="users-field">
            <span>{t('users.displayName')}</span>
            <input
              className="input"
              value={draft.displayName}
              onChange={(e) => setDraft({ ...draft, displayName: e.target.value })}
              data-testid="user-new-display-name"
            />
          </label>
          <label className="users-field">
            <span>{t('users.role')}</span>
            <RoleSelect
              value={draft.role}
              label={t('users.role')}
              testId="user-new-role"
              onChange={(role) => setDraft({ ...draft, role })}
            />
          </label>
          <label className="users-field">
            <span>{t('users.password')}</span>
            <input
              className="input"
              type="password"
              autoComplete="new-password"
              value={draft.password}
              onChange={(e) => setDraft({ ...draft, password: e.target.value })}
              required
              data-testid="user-new-password"
            />
          </label>
        </div>
        <div className="row" style={{ gap: 12, marginTop: 8, alignItems: 'center' }}>
          <span>{t('users.grants')}:</span>
          {draft.role === 'reader' ? (
            <LevelChoice
              value={draft.readable}
              testId="user-new-grants"
              onChange={(readable) => setDraft({ ...draft, readable })}
            />
          ) : (
            <span className="muted">{t('users.grantsAll')}</span>
          )}
        </div>
        <p className="muted">{t('users.passwordHint')}</p>
        {createError ? (
          <div className="field-error" role="alert" data-testid="user-create-error">
            {errorText(createError, lang)}
          </div>
        ) : null}
        <button className="btn btn-primary" type="submit" disabled={busy} data-testid="user-create">
          {t('users.create')}
        </button>
      </form>
    </div>
  );
}
