// `vankho set <id> field=value…`: edits metadata; every field written is marked confirmed (user).
import type { Command } from 'commander';
import { METADATA_FIELDS } from '../../contract/dto.js';
import { FIELD_COLUMNS, getDocument, updateDocumentMetadata } from '../../core/archive/documents-repo.js';
import { isJson, printField, printJson, printLine, usageError, withArchive } from '../cli-context.js';
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
      const patch: Record<string, string | null> = {};
      for (const a of assignments) {
        const eq = a.indexOf('=');
        if (eq <= 0) throw usageError(`expected field=value, got "${a}"`);
        patch[a.slice(0, eq).trim()] = a.slice(eq + 1);
      }
      await withArchive(cmd, {}, (archive) => {
        updateDocumentMetadata(archive, id, patch);
        const doc = getDocument(archive.db, id)!;
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
