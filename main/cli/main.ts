import { Command, CommanderError } from 'commander';
import { EXIT } from './exit-codes.js';
import { reportError } from './cli-context.js';
// One import + one register call per command (main/cli/commands/<name>.ts).
import { registerImportCommand } from './commands/import.js';
import { registerListCommand } from './commands/list.js';
import { registerShowCommand } from './commands/show.js';
import { registerSetCommand } from './commands/set.js';
import { registerTagCommand } from './commands/tag.js';
import { registerCheckCommand } from './commands/check.js';
import { registerSearchCommand } from './commands/search.js';
import { registerFindCommand } from './commands/find.js';
import { registerReindexCommand } from './commands/reindex.js';
import { registerExportCommand } from './commands/export.js';
import { registerImportBundleCommand } from './commands/import-bundle.js';
import { registerBackupCommand } from './commands/backup.js';
import { registerRestoreCommand } from './commands/restore.js';
import { registerExtractCommand } from './commands/extract.js';
import { registerRelationsCommand } from './commands/relations.js';
import { registerValidityCommand } from './commands/validity.js';
import { registerReextractCommand } from './commands/reextract.js';
import { registerOcrCommand } from './commands/ocr.js';
import { registerRecoverCommand } from './commands/recover.js';
import { registerTrashCommands } from './commands/trash.js';
import { registerRecordsCommand } from './commands/records.js';
import { registerRegisterCommand } from './commands/register.js';
import { registerJobsCommand } from './commands/jobs.js';
import { registerUsersCommand } from './commands/users.js';
import { registerUnitsCommand } from './commands/units.js';
import { registerServeCommand } from './commands/serve.js';
import { registerAuditCommand } from './commands/audit.js';

export function buildProgram(): Command {
  const program = new Command('vankho')
    .description('VanKho — kho văn bản / document archive')
    .option('--archive <dir>', 'thư mục kho / archive folder (default: $VANKHO_ARCHIVE or a per-user folder)')
    .option('--json', 'xuất JSON cho script / JSON output for scripts')
    .showHelpAfterError()
    .exitOverride();
  // Commands register here:
  registerImportCommand(program);
  registerListCommand(program);
  registerShowCommand(program);
  registerSetCommand(program);
  registerTagCommand(program);
  registerCheckCommand(program);
  registerSearchCommand(program);
  registerFindCommand(program);
  registerReindexCommand(program);
  registerExportCommand(program);
  registerImportBundleCommand(program);
  registerBackupCommand(program);
  registerRestoreCommand(program);
  registerExtractCommand(program);
  registerRelationsCommand(program);
  registerValidityCommand(program);
  registerReextractCommand(program);
  registerJobsCommand(program);
  registerRecoverCommand(program);
  registerTrashCommands(program);
  registerRecordsCommand(program);
  registerRegisterCommand(program);
  registerOcrCommand(program);
  registerUsersCommand(program);
  registerUnitsCommand(program);
  registerServeCommand(program);
  registerAuditCommand(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  let active: Command | null = program;
  program.hook('preAction', (_this, actionCommand) => {
    active = actionCommand;
  });
  try {
    await program.parseAsync(argv);
    return EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through commander's exitOverride with code 0.
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    return reportError(active, e);
  }
}
