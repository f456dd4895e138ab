// `vankho validity <id> [--set <status> [--note …] | --clear]`: a document's tình trạng hiệu lực, and a
// person's override of it through documentValiditySet (recorded with who and when, as in the app);
// --clear gives the relation graph's word back. Without --set/--clear it only reads.
import type { Command } from 'commander';
import { VALIDITY_OVERRIDES, type ValidityOverride } from '../../contract/dto.js';
import { withApp } from '../cli-app.js';
import { isJson, printJson, printLine, usageError } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { parseDocumentId } from './parse-id.js';
import { printValidity } from './show.js';

interface ValidityOptions {
  set?: string;
  note?: string;
  clear?: boolean;
}

export function registerValidityCommand(program: Command): void {
  program
    .command('validity')
    .description('tình trạng hiệu lực của văn bản; đặt hoặc bỏ đánh giá của người dùng / document validity')
    .argument('<id>', 'mã văn bản / document id')
    .option('--set <status>', `đặt tình trạng / set the status: ${VALIDITY_OVERRIDES.join(', ')}`)
    .option('--note <text>', 'ghi chú kèm theo (với --set) / a note (with --set)')
    .option('--clear', 'bỏ đánh giá, theo quan hệ văn bản / back to what the relations say')
    .action(async (idArg: string, o: ValidityOptions, cmd: Command) => {
      const id = parseDocumentId(idArg);
      if (o.set !== undefined && o.clear) throw usageError('choose one of --set, --clear');
      if (o.note !== undefined && o.set === undefined) throw usageError('--note goes with --set');
      if (o.set !== undefined && !(VALIDITY_OVERRIDES as readonly string[]).includes(o.set))
        throw usageError(`--set ${o.set} (one of ${VALIDITY_OVERRIDES.join(', ')})`);
      const writes = o.set !== undefined || o.clear === true;
      await withApp(
        cmd,
        async (app) => {
          const doc = writes
            ? await app.call('documentValiditySet', {
                documentId: id,
                override: o.clear ? null : { status: o.set as ValidityOverride, note: o.note ?? '' },
              })
            : await app.call('documentGet', { documentId: id });
          if (isJson(cmd)) printJson({ id: doc.id, validity: doc.validity });
          else {
            printLine(
              `Văn bản / Document #${doc.id}  ${doc.metadata.number ?? '—'}  ${doc.metadata.title ?? ''}`,
            );
            printValidity(doc.validity);
          }
          return EXIT.OK;
        },
        writes ? {} : { readonly: true },
      );
    });
}
