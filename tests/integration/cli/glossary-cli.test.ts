// Issue 16 defect 11: the CLI names fields and concepts exactly as the UI does (one glossary). Runs
// the real `vankho` program on a real archive and compares every label it prints with the UI's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METADATA_FIELDS } from '../../../main/contract/dto.js';
import { EXIT } from '../../../main/cli/exit-codes.js';
import { FIELD_LABELS as UI_FIELD_KEYS } from '../../../renderer/src/features/review/field-labels.js';
import { en } from '../../../renderer/src/i18n/en.js';
import { vi, type MessageKey } from '../../../renderer/src/i18n/vi.js';
import { makePdf } from '../../helpers/make-pdf.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const ui = (key: MessageKey): string => `${vi[key]} / ${en[key]}`;

describe('CLI wording is the UI wording', () => {
  let tmp: TempDir;
  let archive: string;
  const cli = (...args: string[]) => runCliInProcess(['--archive', archive, ...args]);

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-glossary-');
    archive = join(tmp.dir, 'kho');
    const pdf = join(tmp.dir, 'qd.pdf');
    writeFileSync(pdf, await makePdf(['QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác']));
    expect((await cli('import', pdf)).code).toBe(EXIT.OK);
    // Every field filled, so `show` prints every label.
    // Fields with a closed set of values get one of them; the others free text.
    const closed: Partial<Record<(typeof METADATA_FIELDS)[number], string>> = {
      issuedDate: '2024-05-15',
      system: 'state',
      access: 'han-che',
      secrecy: 'mat',
    };
    const values = METADATA_FIELDS.map((f) => `${f}=${closed[f] ?? `giá trị ${f}`}`);
    const set = await cli('set', '1', ...values);
    expect(set.code, set.stderr).toBe(EXIT.OK);
    expect((await cli('tag', 'add', '1', 'Kinh tế')).code).toBe(EXIT.OK);
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('show prints each field, the tags and the text status under the UI’s labels', async () => {
    const show = await cli('show', '1');
    expect(show.code, show.stderr).toBe(EXIT.OK);
    const labels = [...show.stdout.matchAll(/^ {2}([^\s:][^:]*): /gm)].map((m) => m[1]!);
    const uiFieldLabels = METADATA_FIELDS.map((f) => ui(UI_FIELD_KEYS[f]));
    for (const label of uiFieldLabels) expect(labels).toContain(label);
    expect(labels).toContain(ui('doc.tags'));
    expect(show.stdout).toContain(`${ui('doc.tags')}: Kinh tế`);
    expect(show.stdout).toContain('Cơ quan cấp trên / Superior body: giá trị issuerSuperior');
    expect(show.stdout).toContain('Thẻ / Tags: Kinh tế');
    expect(show.stdout).not.toMatch(/Nhãn|chủ quản/);
  });

  it('check says the archive is intact, as the UI does', async () => {
    const check = await cli('check');
    expect(check.code, check.stderr).toBe(EXIT.OK);
    expect(check.stdout).toContain(
      'Kho văn bản toàn vẹn, không phát hiện lỗi / The archive is intact; no errors found',
    );
    expect(vi['archive.checkOk']).toBe('Kho văn bản toàn vẹn, không phát hiện lỗi.');
    expect(check.stdout).not.toContain('ổn định');
  });

  it('the tag commands say “thẻ”, never “nhãn”', async () => {
    const help = await cli('tag', '--help');
    expect(help.stdout + help.stderr).toContain('thẻ / tags');
    expect(help.stdout + help.stderr).not.toMatch(/nhãn/i);
  });
});
