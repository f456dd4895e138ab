// Where the OCR engine's files are: tesseract.js's worker script and the traineddata of each
// language, always local paths (never tesseract.js's default CDN). In development they come from
// node_modules; the desktop app passes its resources folder (`dataDir`, holding vie.traineddata.gz,
// eng.traineddata.gz and osd.traineddata.gz side by side, and `workerPath` unpacked from the asar
// archive).

import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { appError } from '../../contract/errors.js';
import { VanKhoError } from '../errors/vankho-error.js';

const require = createRequire(import.meta.url);

/** Languages with a model shipped (npm @tesseract.js-data/<lang>, the 4.0.0 best_int data). */
export const OCR_LANGUAGES = ['vie', 'eng'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

export interface OcrPathOptions {
  /** A folder with <lang>.traineddata.gz for every language asked for (the app's resources). */
  dataDir?: string;
  /** tesseract.js's worker-script/node/index.js, where a packaged app keeps it. */
  workerPath?: string;
}

export interface OcrPaths {
  workerPath: string;
  /** One folder holding <lang>.traineddata.gz of every language of the run (tesseract.js reads one). */
  langDir: string;
  /**
   * The folder of osd.traineddata.gz (orientation and script detection, npm @tesseract.js-data/osd),
   * or null where it is missing: pages turned a quarter or half turn are then read as they lie.
   */
  osdDir: string | null;
}

/** "vie+eng" → ['vie', 'eng']; anything but the shipped languages is INVALID_INPUT. */
export function parseOcrLanguages(spec: string): OcrLanguage[] {
  const langs = spec
    .split('+')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  const bad = langs.filter((l) => !(OCR_LANGUAGES as readonly string[]).includes(l));
  if (langs.length === 0 || bad.length > 0) {
    throw new VanKhoError(appError('INVALID_INPUT', `OCR language: ${spec} (vie, eng, vie+eng)`));
  }
  return [...new Set(langs)] as OcrLanguage[];
}

function packagedModel(lang: OcrLanguage | 'osd'): string {
  return join(dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), '4.0.0_best_int');
}

const OSD_MODEL = 'osd.traineddata.gz';

/** Where osd.traineddata.gz is: the resources folder, else the npm package; null when neither has it. */
function osdDirOf(dataDir: string | undefined): string | null {
  if (dataDir) return existsSync(join(dataDir, OSD_MODEL)) ? dataDir : null;
  try {
    const dir = packagedModel('osd');
    return existsSync(join(dir, OSD_MODEL)) ? dir : null;
  } catch {
    return null;
  }
}

/**
 * The engine's paths for these languages. tesseract.js reads every model from one folder, while
 * the npm packages keep each language in its own: when they differ, the models are copied once
 * into a folder under the system temp dir (a few MB; read-only data, so sharing it is safe).
 */
export function resolveOcrPaths(langs: readonly OcrLanguage[], opts: OcrPathOptions = {}): OcrPaths {
  const workerPath =
    opts.workerPath ??
    join(dirname(require.resolve('tesseract.js/package.json')), 'src/worker-script/node/index.js');
  const file = (lang: OcrLanguage): string => `${lang}.traineddata.gz`;
  if (opts.dataDir) {
    const missing = langs.filter((l) => !existsSync(join(opts.dataDir!, file(l))));
    if (missing.length > 0) {
      throw new VanKhoError(appError('OCR_FAILED', `model missing: ${missing.join(', ')}`));
    }
    return { workerPath, langDir: opts.dataDir, osdDir: osdDirOf(opts.dataDir) };
  }
  const osdDir = osdDirOf(undefined);
  const dirs = langs.map(packagedModel);
  if (new Set(dirs).size === 1) return { workerPath, langDir: dirs[0]!, osdDir };
  const staged = join(tmpdir(), `vankho-tessdata-${langs.join('-')}`);
  mkdirSync(staged, { recursive: true });
  langs.forEach((lang, i) => {
    const source = join(dirs[i]!, file(lang));
    const target = join(staged, file(lang));
    if (existsSync(target) && statSync(target).size === statSync(source).size) return;
    // Copy then rename: a concurrent run never reads a half-written model.
    const part = `${target}.${process.pid}.part`;
    copyFileSync(source, part);
    renameSync(part, target);
  });
  return { workerPath, langDir: staged, osdDir };
}

/**
 * Whether OCR can run here: tesseract.js's worker script and the Vietnamese model are found where
 * resolveOcrPaths looks (a packaged app without its resources, or a build without the model
 * packages, has no engine). Decides the default of "OCR automatically after import".
 */
export function ocrEngineAvailable(opts: OcrPathOptions = {}): boolean {
  try {
    const paths = resolveOcrPaths(['vie'], opts);
    return existsSync(paths.workerPath) && existsSync(join(paths.langDir, 'vie.traineddata.gz'));
  } catch {
    return false;
  }
}
