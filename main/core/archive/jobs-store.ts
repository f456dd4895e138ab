// The one place for the SQL of the jobs and job_items tables (migration 006): a job's row is written
// when it starts, its progress as it goes, its end state when it ends. A row still 'running' when
// the archive is opened for writing belongs to a process that died (the write lock proves no other
// writer is live), so the open marks it 'interrupted'.
import type { Db } from './database.js';

export type JobRowState = 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted';

export interface JobRow {
  id: string;
  kind: string;
  state: JobRowState;
  params: unknown;
  progress: unknown;
  result: unknown;
  error: unknown;
  actor: string;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  resumedBy: string | null;
}

interface RawJobRow {
  id: string;
  kind: string;
  state: JobRowState;
  params: string;
  progress: string | null;
  result: string | null;
  error: string | null;
  actor: string;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  resumed_by: string | null;
}

const parse = (s: string | null): unknown => (s === null ? null : (JSON.parse(s) as unknown));
const now = (): string => new Date().toISOString();

function fromRaw(r: RawJobRow): JobRow {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    params: parse(r.params),
    progress: parse(r.progress),
    result: parse(r.result),
    error: parse(r.error),
    actor: r.actor,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
    resumedBy: r.resumed_by,
  };
}

export function insertJobRow(
  db: Db,
  job: { id: string; kind: string; params: unknown; actor: string },
): void {
  const t = now();
  db.prepare(
    `INSERT INTO jobs (id, kind, state, params, actor, started_at, updated_at)
     VALUES (?, ?, 'running', ?, ?, ?, ?)`,
  ).run(job.id, job.kind, JSON.stringify(job.params ?? {}), job.actor, t, t);
}

export function recordJobProgress(db: Db, id: string, progress: unknown): void {
  db.prepare(`UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ? AND state = 'running'`).run(
    JSON.stringify(progress ?? null),
    now(),
    id,
  );
}

/** Marks one unit of the job finished (idempotent: a unit redone after a crash is no error). */
export function recordJobItem(db: Db, id: string, item: number): void {
  db.prepare('INSERT OR IGNORE INTO job_items (job_id, item) VALUES (?, ?)').run(id, item);
}

/** The units a job (and the interrupted jobs it resumed, transitively) has finished. */
export function finishedJobItems(db: Db, id: string): Set<number> {
  const ids = [id, ...resumedChain(db, id)];
  const stmt = db.prepare<[string], number>('SELECT item FROM job_items WHERE job_id = ?').pluck();
  return new Set(ids.flatMap((j) => stmt.all(j)));
}

/** The interrupted jobs this one took over, newest first. */
function resumedChain(db: Db, id: string): string[] {
  const out: string[] = [];
  const stmt = db.prepare<[string], string>('SELECT id FROM jobs WHERE resumed_by = ?').pluck();
  for (
    let cur: string | undefined = stmt.get(id);
    cur !== undefined && !out.includes(cur);
    cur = stmt.get(cur)
  )
    out.push(cur);
  return out;
}

export function finishJobRow(
  db: Db,
  id: string,
  end: { state: Exclude<JobRowState, 'running' | 'interrupted'>; result?: unknown; error?: unknown },
): void {
  const t = now();
  db.prepare(
    `UPDATE jobs SET state = ?, result = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?`,
  ).run(
    end.state,
    end.result === undefined ? null : JSON.stringify(end.result),
    end.error === undefined || end.error === null ? null : JSON.stringify(end.error),
    t,
    t,
    id,
  );
}

/** At a writable open: every 'running' row was left by a process that is gone. */
export function interruptRunningJobs(db: Db): number {
  return db
    .prepare(`UPDATE jobs SET state = 'interrupted', updated_at = ? WHERE state = 'running'`)
    .run(now()).changes;
}

/** Links an interrupted job to the job resuming it (it is then no longer offered for resume). */
export function markJobResumed(db: Db, id: string, by: string): void {
  db.prepare(
    `UPDATE jobs SET resumed_by = ? WHERE id = ? AND state = 'interrupted' AND resumed_by IS NULL`,
  ).run(by, id);
}

export function getJobRow(db: Db, id: string): JobRow | null {
  const r = db.prepare<[string], RawJobRow>('SELECT * FROM jobs WHERE id = ?').get(id);
  return r ? fromRaw(r) : null;
}

/** The most recent jobs, newest first (the list a person sees). */
export function listJobRows(db: Db, limit = 50): JobRow[] {
  return db
    .prepare<[number], RawJobRow>('SELECT * FROM jobs ORDER BY started_at DESC, rowid DESC LIMIT ?')
    .all(limit)
    .map(fromRaw);
}
