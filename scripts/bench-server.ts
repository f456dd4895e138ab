// `npm run bench:server [-- --users 50 --seconds 60 --documents 500 --grants 5]`: the office load run
// (issue 14) — simulated cadres searching and reading over real HTTP on 127.0.0.1 while an archivist
// imports generated documents, the whole import under the readers (they go on past `--seconds` until it
// ends; `importEndedInSeconds` says whether it fitted) — then `vankho check`. Web mode by default; `--grants N` runs it on
// `vankho serve` with reader accounts in N units and documents restricted and granted as they are
// filed. Prints the report as JSON (search and read p50/p95/p99); exits 1 on any error, any document
// missing, a batch imported without readers, a check that is not clean, or a reader meeting a
// document it may not read. Not part of `npm test` (it takes minutes).
import { runOfficeLoad } from '../tests/load/office-load.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} takes a positive whole number`);
  return v;
}

const opts = { users: arg('users', 50), seconds: arg('seconds', 60), documents: arg('documents', 500) };
const grants = process.argv.includes('--grants') ? { units: arg('grants', 5) } : undefined;
const report = await runOfficeLoad({ ...opts, ...(grants ? { grants } : {}), log: (l) => console.error(l) });
console.log(
  JSON.stringify(
    {
      ...report,
      errors: report.errors.slice(0, 50),
      errorCount: report.errors.length,
      ...(report.grants
        ? {
            grants: {
              ...report.grants,
              leaks: report.grants.leaks.slice(0, 50),
              leakCount: report.grants.leaks.length,
            },
          }
        : {}),
    },
    null,
    2,
  ),
);
const lost = report.documentsInArchive !== opts.documents || report.auditImportRows !== opts.documents;
const leaked = (report.grants?.leaks.length ?? 0) > 0;
const alone = report.batches.some((b) => !b.whileReading);
process.exit(report.errors.length > 0 || lost || leaked || alone || !report.checkOk ? 1 : 0);
