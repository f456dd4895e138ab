// Events main → renderer. They travel on IPC_EVENT_CHANNEL (Electron) or as SSE `data:` lines
// (web mode), always as one of these plain objects, discriminated by `type`.
import type {
  ArchiveInfo,
  BackupProgressDto,
  BackupResultDto,
  BundleImportProgressDto,
  BundleImportResultDto,
  ExportProgressDto,
  ExportResultDto,
  ImportProgressDto,
  ImportReportDto,
  JobKind,
  OcrProgressDto,
  OcrResultDto,
  ReextractProgressDto,
  ReextractResultDto,
  JobState,
  RecoverResultDto,
  ReindexProgressDto,
  RestoreProgressDto,
  RestoreResultDto,
} from './dto.js';
import type { AppError } from './errors.js';

/** How each job kind's own progress reads (the detail a job's screen shows beyond done/total). */
export interface JobProgressOf {
  import: ImportProgressDto;
  export: ExportProgressDto;
  reindex: ReindexProgressDto;
  bundleImport: BundleImportProgressDto;
  reextract: ReextractProgressDto;
  ocr: OcrProgressDto;
  backup: BackupProgressDto;
  restore: RestoreProgressDto;
  recover: ImportProgressDto;
}

/**
 * Progress of a job, one event for every kind: `done` of `total` units and a `label` (the item being
 * worked on, or null) read the same whatever the kind, so a client can show any job's bar; `kind`
 * says how to read the kind's own `progress`.
 */
export type JobProgressEvent = {
  [K in JobKind]: {
    type: 'jobProgress';
    jobId: string;
    kind: K;
    done: number;
    total: number;
    label: string | null;
    progress: JobProgressOf[K];
  };
}[JobKind];

/** A job ended. `result` is set for state 'done' (and for a cancelled import: what was done so far). */
export interface JobFinishedEvent {
  type: 'jobFinished';
  jobId: string;
  kind: JobKind;
  state: Exclude<JobState, 'running' | 'interrupted'>;
  result:
    | ImportReportDto
    | ExportResultDto
    | BundleImportResultDto
    | ReextractResultDto
    | OcrResultDto
    | BackupResultDto
    | RestoreResultDto
    | RecoverResultDto
    | null;
  error: AppError | null;
}

/** The open archive changed (opened, created, closed, or its contents changed from outside the UI). */
export interface ArchiveChangedEvent {
  type: 'archiveChanged';
  archive: ArchiveInfo | null;
}

/** The desktop menu (or a shortcut handled by the host) asks the UI to do something. */
export interface MenuCommandEvent {
  type: 'menuCommand';
  command: MenuCommand;
}

export const MENU_COMMANDS = [
  'focusSearch',
  'showImport',
  'showExport',
  'showTags',
  'showArchive',
  'showAudit',
  'showHelp',
  'toggleLanguage',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export type AppEvent = JobProgressEvent | JobFinishedEvent | ArchiveChangedEvent | MenuCommandEvent;

export type AppEventType = AppEvent['type'];
export type AppEventListener = (event: AppEvent) => void;
