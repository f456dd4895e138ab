// App-wide state: where the user is (route), the open archive, running jobs (import progress survives
// switching screens), the search the user is working on, and a data version that screens watch to
// refetch after anything changed the archive.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type {
  AppInfo,
  ArchiveInfo,
  BundleProbeDto,
  ImportProgressDto,
  ImportReportDto,
  JobStarted,
} from '../../../main/contract/dto.js';
import { appError, type AppError, type Result } from '../../../main/contract/errors.js';
import type { JobFinishedEvent } from '../../../main/contract/events.js';
import { countStoredWithoutText } from '../../../main/contract/no-text.js';
import { useI18n } from '../i18n/i18n.js';
import { useApi } from './api-context.js';
import { EMPTY_SEARCH, formatRoute, parseRoute, sameSearch, type Route, type SearchState } from './router.js';
import { useToast } from './toasts.js';

export type { Route, SearchState } from './router.js';

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one (redirects, leaving a deleted document). */
  replace?: boolean;
  /**
   * Go only while the user is still on this document: an answer that arrives late (a delete under
   * load) must not pull back someone who has already moved to another screen.
   */
  whileOnDocument?: number;
}

/** How many in-app steps lie behind this history entry (0: the app was entered here). */
function historyDepth(): number {
  const d = (history.state as { vankhoDepth?: unknown } | null)?.vankhoDepth;
  return typeof d === 'number' ? d : 0;
}

export interface ImportJobState {
  jobId: string | null;
  phase: 'uploading' | 'running' | 'done' | 'cancelled' | 'failed';
  uploaded: number;
  uploadTotal: number;
  progress: ImportProgressDto | null;
  report: ImportReportDto | null;
}

/** An uploaded file recognised as a VanKho bundle, waiting for the user to merge it (or refused). */
export interface BundleOffer {
  uploadId: string;
  name: string;
  /** The manifest's summary, or null when the bundle was refused (then `error` says why). */
  probe: BundleProbeDto | null;
  error: AppError | null;
}

interface AppStateValue {
  appInfo: AppInfo | null;
  /** The caller may import, edit, tag, delete (an office server's cán bộ may not: controls hide). */
  mayEdit: boolean;
  archive: ArchiveInfo | null;
  archiveLoaded: boolean;
  refreshArchive: () => Promise<void>;
  setArchive: (a: ArchiveInfo | null) => void;
  route: Route;
  navigate: (r: Route, opts?: NavigateOptions) => void;
  /** Browser Back when the previous entry is the app's own, else `fallback` in place of this one. */
  goBack: (fallback: Route) => void;
  search: SearchState;
  setSearch: (update: (s: SearchState) => SearchState) => void;
  dataVersion: number;
  bumpData: () => void;
  importJob: ImportJobState | null;
  /** Uploads browser File objects (drop, file input) and starts one import job for them. */
  importFiles: (files: File[]) => Promise<void>;
  /** Tracks a job started elsewhere (samples, native dialog). */
  trackImport: (started: Result<JobStarted | null>) => void;
  /** Desktop: the native picker; bundles among the picked files are offered for a merge. */
  importFromDialog: (folders: boolean) => Promise<void>;
  cancelImport: () => Promise<void>;
  /** Bundles among uploaded files, offered for a merge instead of being filed as documents. */
  bundleOffers: BundleOffer[];
  /** Uploads .zip files and offers those that are bundles (Archive screen: Nhập gói). */
  offerBundles: (files: File[]) => Promise<void>;
  dismissBundleOffer: (uploadId: string) => void;
  searchFocusTick: number;
  requestSearchFocus: () => void;
}

const AppStateContext = createContext<AppStateValue | null>(null);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null);
  const [archive, setArchive] = useState<ArchiveInfo | null>(null);
  const [archiveLoaded, setArchiveLoaded] = useState(false);
  const [initial] = useState(() => parseRoute(location.hash));
  const [route, setRoute] = useState<Route>(initial.route);
  const [search, setSearchState] = useState<SearchState>(initial.search ?? EMPTY_SEARCH);
  const [dataVersion, setDataVersion] = useState(0);
  const [importJob, setImportJob] = useState<ImportJobState | null>(null);
  const [bundleOffers, setBundleOffers] = useState<BundleOffer[]>([]);
  const [searchFocusTick, setSearchFocusTick] = useState(0);
  const jobIdRef = useRef<string | null>(null);
  const cancelUploadRef = useRef(false);
  // The latest t/toast for the event listener, which subscribes once.
  const uiRef = useRef({ t, toast });
  uiRef.current = { t, toast };

  const refreshArchive = useCallback(async () => {
    const r = await api.archiveInfo({});
    if (r.ok) setArchive(r.value);
    setArchiveLoaded(true);
  }, [api]);

  useEffect(() => {
    void api.appInfo({}).then((r) => {
      if (r.ok) setAppInfo(r.value);
    });
    void refreshArchive();
  }, [api, refreshArchive]);

  const bumpData = useCallback(() => setDataVersion((v) => v + 1), []);
  // Anything that changed the archive may change its counts (documents, tags, size).
  useEffect(() => {
    if (dataVersion > 0) void refreshArchive();
  }, [dataVersion, refreshArchive]);

  // A small job can finish before the request that started it has answered: finished events of
  // jobs not tracked yet are kept here so trackImport can apply them.
  const earlyFinished = useRef(new Map<string, JobFinishedEvent>());

  const applyFinished = useCallback(
    (event: JobFinishedEvent) => {
      const { t: tr, toast: ts } = uiRef.current;
      const report = (event.result as ImportReportDto | null) ?? null;
      setImportJob((j) => (j ? { ...j, phase: event.state, report } : j));
      jobIdRef.current = null;
      if (event.state === 'done' && report) {
        const noText = countStoredWithoutText(report.outcomes);
        ts.success(
          tr(report.withWarnings > 0 ? 'import.finishedWarned' : 'import.finished', {
            imported: report.imported,
            duplicate: report.duplicates,
            failed: report.failed,
            warned: report.withWarnings,
          }) + (noText > 0 ? ` ${tr('import.noTextCount', { count: noText })}.` : ''),
        );
      } else if (event.state === 'cancelled') {
        ts.info(tr('import.cancelled'));
      } else if (event.error) {
        ts.error(event.error);
      }
      setDataVersion((v) => v + 1);
      void api.archiveInfo({}).then((r) => {
        if (r.ok) setArchive(r.value);
      });
    },
    [api],
  );

  useEffect(() => {
    return api.onEvent((event) => {
      if (event.type === 'archiveChanged') {
        setArchive(event.archive);
        setDataVersion((v) => v + 1);
        // The event's counts are the whole archive's; archiveInfo counts what this caller may read.
        if (event.archive) {
          void api.archiveInfo({}).then((r) => {
            if (r.ok) setArchive(r.value);
          });
        }
      } else if (
        event.type === 'jobProgress' &&
        event.kind === 'import' &&
        event.jobId === jobIdRef.current
      ) {
        setImportJob((j) => (j ? { ...j, phase: 'running', progress: event.progress } : j));
      } else if (event.type === 'jobFinished' && event.kind === 'import') {
        if (event.jobId === jobIdRef.current) applyFinished(event);
        else {
          earlyFinished.current.set(event.jobId, event);
          if (earlyFinished.current.size > 20) {
            const first = earlyFinished.current.keys().next();
            if (!first.done) earlyFinished.current.delete(first.value);
          }
        }
      }
    });
  }, [api, applyFinished]);

  const trackImport = useCallback(
    (started: Result<JobStarted | null>) => {
      if (!started.ok) {
        toast.error(started.error);
        setImportJob((j) => (j && j.phase === 'uploading' ? { ...j, phase: 'failed' } : j));
        return;
      }
      if (!started.value) return; // native dialog cancelled
      const jobId = started.value.jobId;
      jobIdRef.current = jobId;
      setImportJob((j) => ({
        jobId,
        phase: 'running',
        uploaded: j?.phase === 'uploading' ? j.uploaded : 0,
        uploadTotal: j?.phase === 'uploading' ? j.uploadTotal : 0,
        progress: null,
        report: null,
      }));
      const early = earlyFinished.current.get(jobId);
      if (early) {
        earlyFinished.current.delete(jobId);
        applyFinished(early);
      }
    },
    [toast, applyFinished],
  );

  /** A bundle offer for an uploaded ZIP, or null when it is not a bundle (an ordinary file). */
  const probeUpload = useCallback(
    async (uploadId: string, name: string): Promise<BundleOffer | null> => {
      const r = await api.bundleProbe({ uploadId });
      if (r.ok) return r.value ? { uploadId, name, probe: r.value, error: null } : null;
      return r.error.code.startsWith('BUNDLE_') ? { uploadId, name, probe: null, error: r.error } : null;
    },
    [api],
  );

  const importFiles = useCallback(
    async (files: File[]) => {
      if (files.length === 0) {
        toast.info(t('import.nothing'));
        return;
      }
      cancelUploadRef.current = false;
      setImportJob({
        jobId: null,
        phase: 'uploading',
        uploaded: 0,
        uploadTotal: files.length,
        progress: null,
        report: null,
      });
      const uploadIds: string[] = [];
      const offers: BundleOffer[] = [];
      for (const file of files) {
        if (cancelUploadRef.current) {
          setImportJob((j) => (j ? { ...j, phase: 'cancelled' } : j));
          toast.info(t('import.cancelled'));
          return;
        }
        const bytes = new Uint8Array(await file.arrayBuffer());
        const name = (file.webkitRelativePath || file.name).normalize('NFC');
        const r = await api.importUpload({ name, bytes });
        if (!r.ok) {
          toast.error({ ...r.error, detail: r.error.detail ?? name });
          continue;
        }
        setImportJob((j) => (j ? { ...j, uploaded: j.uploaded + 1 } : j));
        // A VanKho bundle is offered for a merge, not filed as a document; any other ZIP imports as today.
        const offer = isZipName(name) ? await probeUpload(r.value.uploadId, name) : null;
        if (offer) offers.push(offer);
        else uploadIds.push(r.value.uploadId);
      }
      if (offers.length > 0) setBundleOffers((o) => [...o, ...offers]);
      if (uploadIds.length === 0) {
        setImportJob(offers.length > 0 ? null : (j) => (j ? { ...j, phase: 'failed' } : j));
        return;
      }
      trackImport(await api.importStart({ uploadIds }));
    },
    [api, t, toast, trackImport, probeUpload],
  );

  const importFromDialog = useCallback(
    async (folders: boolean) => {
      const r = await api.importFromDialog({ folders });
      if (!r.ok || !r.value) {
        trackImport(r.ok ? { ok: true, value: null } : r);
        return;
      }
      const offers: BundleOffer[] = [];
      for (const b of r.value.bundles) {
        const offer = await probeUpload(b.uploadId, b.name);
        if (offer) offers.push(offer);
      }
      if (offers.length > 0) setBundleOffers((o) => [...o, ...offers]);
      if (r.value.jobId) trackImport({ ok: true, value: { jobId: r.value.jobId } });
    },
    [api, trackImport, probeUpload],
  );

  const offerBundles = useCallback(
    async (files: File[]) => {
      const offers: BundleOffer[] = [];
      for (const file of files) {
        const name = file.name.normalize('NFC');
        const r = await api.importUpload({ name, bytes: new Uint8Array(await file.arrayBuffer()) });
        if (!r.ok) {
          toast.error({ ...r.error, detail: r.error.detail ?? name });
          continue;
        }
        const offer = await probeUpload(r.value.uploadId, name);
        if (offer) offers.push(offer);
        else toast.error(appError('BUNDLE_INVALID', name)); // a ZIP without the bundle manifest
      }
      if (offers.length > 0) setBundleOffers((o) => [...o, ...offers]);
    },
    [api, toast, probeUpload],
  );
  const dismissBundleOffer = useCallback(
    (uploadId: string) => setBundleOffers((o) => o.filter((x) => x.uploadId !== uploadId)),
    [],
  );

  const cancelImport = useCallback(async () => {
    cancelUploadRef.current = true;
    const jobId = jobIdRef.current;
    if (!jobId) return;
    const r = await api.importCancel({ jobId });
    if (!r.ok) toast.error(r.error);
  }, [api, toast]);

  // The address follows the route (and, on the search screen, the search being typed); Back/Forward,
  // a reload or a pasted link set the route from the address. Token handling (api/create-api.ts)
  // has already removed `#token=…` before this runs.
  const searchRef = useRef(search);
  searchRef.current = search;
  const routeRef = useRef(route);
  routeRef.current = route;
  const navigate = useCallback((r: Route, opts?: NavigateOptions) => {
    const at = routeRef.current;
    if (opts?.whileOnDocument !== undefined && !(at.name === 'document' && at.id === opts.whileOnDocument))
      return;
    const hash = formatRoute(r, searchRef.current);
    if (opts?.replace) history.replaceState({ vankhoDepth: historyDepth() }, '', hash);
    else if (hash !== location.hash) history.pushState({ vankhoDepth: historyDepth() + 1 }, '', hash);
    routeRef.current = r;
    setRoute(r);
  }, []);
  const goBack = useCallback(
    (fallback: Route) => {
      if (historyDepth() > 0) history.back();
      else navigate(fallback, { replace: true });
    },
    [navigate],
  );
  useEffect(() => {
    const fromAddress = () => {
      const parsed = parseRoute(location.hash);
      setRoute(parsed.route);
      const next = parsed.search;
      if (next) setSearchState((s) => (sameSearch(s, next) ? s : next));
    };
    window.addEventListener('popstate', fromAddress);
    window.addEventListener('hashchange', fromAddress);
    fromAddress(); // an address changed before this listener existed
    return () => {
      window.removeEventListener('popstate', fromAddress);
      window.removeEventListener('hashchange', fromAddress);
    };
  }, []);
  // Typing, filtering and sorting rewrite the search screen's address in place (no entry per keystroke).
  useEffect(() => {
    if (route.name !== 'search' || parseRoute(location.hash).route.name !== 'search') return;
    if (!location.hash && sameSearch(search, EMPTY_SEARCH)) return; // the start address stays bare
    const hash = formatRoute(route, search);
    if (hash !== location.hash) history.replaceState({ vankhoDepth: historyDepth() }, '', hash);
  }, [route, search]);
  const setSearch = useCallback((update: (s: SearchState) => SearchState) => setSearchState(update), []);
  const requestSearchFocus = useCallback(() => setSearchFocusTick((n) => n + 1), []);

  const value = useMemo<AppStateValue>(
    () => ({
      appInfo,
      // Until appInfo answers, as the desktop's person (who may do all); the server refuses anyway.
      mayEdit: appInfo === null || appInfo.caller.may.includes('edit'),
      archive,
      archiveLoaded,
      refreshArchive,
      setArchive,
      route,
      navigate,
      goBack,
      search,
      setSearch,
      dataVersion,
      bumpData,
      importJob,
      importFiles,
      trackImport,
      importFromDialog,
      cancelImport,
      bundleOffers,
      offerBundles,
      dismissBundleOffer,
      searchFocusTick,
      requestSearchFocus,
    }),
    [
      appInfo,
      archive,
      archiveLoaded,
      refreshArchive,
      route,
      navigate,
      goBack,
      search,
      setSearch,
      dataVersion,
      bumpData,
      importJob,
      importFiles,
      trackImport,
      importFromDialog,
      cancelImport,
      bundleOffers,
      offerBundles,
      dismissBundleOffer,
      searchFocusTick,
      requestSearchFocus,
    ],
  );
  return <AppStateContext.Provider value={value}>{children}</AppStateContext.Provider>;
}

function isZipName(name: string): boolean {
  return /\.zip$/i.test(name);
}

export function useAppState(): AppStateValue {
  const v = useContext(AppStateContext);
  if (!v) throw new Error('useAppState outside AppStateProvider');
  return v;
}
