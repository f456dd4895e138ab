// `vankho set <id> field=value…`: edits metadata through documentUpdate; every field written is
// marked confirmed (user) and recorded as set by the caller, as an edit in the app is.
import type { Command } from 'commander';
import { METADATA_FIELDS } from '../../contract/dto.js';
import { FIELD_COLUMNS } from '../../contract/field-names.js';
import { withApp } from '../cli-app.js';
import { isJson, printField, printJson, printLine } from '../cli-context.js';
import { metadataPatch } from '../contract-requests.js';
import { EXIT } from '../exit-codes.js';
import { FIELD_LABELS } from '../field-labels.js';
import { parseDocumentId } from './parse-id.js';

export function registerSetCommand(program: Command): void {
  program
    .command('set')
    .description(
      'sửa thông tin văn bản / edit metadata; field=value (value rỗng để xóa / empty to clear); fields: ' +
        METADATA_FIELDS.map((f) => (FIELD_COLUMNS[f] === f ? f : `${f}|${FIELD_COLUMNS[f]}`)).join(', '),
    )
    .argument('<id>', 'mã văn bản / document id')
    .argument('<assignments...>', 'field=value')
    .action(async (idArg: string, assignments: string[], _opts: unknown, cmd: Command) => {
      const id = parseDocumentId(idArg);
      const fields = metadataPatch(assignments);
      await withApp(cmd, async (app) => {
        const doc = await app.call('documentUpdate', { documentId: id, fields });
        if (isJson(cmd)) printJson(doc);
        else {
          printLine(`Đã cập nhật văn bản / updated document #${id}:`);
          for (const f of METADATA_FIELDS) {
            if (doc.provenance[f]?.source === 'user')
              printField(FIELD_LABELS[f], doc.metadata[f] ?? '—', '  ✓');
          }
        }
        return EXIT.OK;
      });
    });
}
