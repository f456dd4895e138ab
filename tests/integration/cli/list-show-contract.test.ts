// `vankho list` and `vankho show` answer through the contract (documentsList, documentGet,
// documentRelations, filePages), as the app does: the same rows for the same request, levels by
// their glossary names, and both read beside another process holding the archive's write lock.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes.js';
import type { DocumentListPage } from '../../../main/contract/dto.js';
import { ACCESS_TERMS, FIELD_TERMS, SECRECY_TERMS, bilingual } from '../../../main/contract/glossary.js';
import { startAppHost } from '../../../main/index.js';
import { dispatcher } from '../../helpers/dispatch.js';
import { holdArchiveInChild } from '../../helpers/hold-archive.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

describe('list and show through the contract', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let archive: string;
  const cli = (...args: string[]) => runCliInProcess(['--archive', archive, ...args]);

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-list-show-');
    archive = join(tmp.dir, 'kho');
    const src = join(tmp.dir, 'src');
    mkdirSync(src);
    writeFileSync(
      join(src, 'a.txt'),
      'QUYẾT ĐỊNH\nSố: 12/QĐ-UBND\nVề việc giao chỉ tiêu năm 2024\nTrang hai',
    );
    writeFileSync(join(src, 'b.txt'), 'THÔNG BÁO\nSố: 7/TB-VP\nVề lịch họp tháng 5');
    expect((await cli('import', src)).code).toBe(EXIT.OK);
    const set = await cli('set', '1', 'access=han-che', 'secrecy=toi-mat');
    expect(set.code, set.stderr).toBe(EXIT.OK);
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('list --json is the documentsList answer, sorted and filtered the same', async () => {
    const r = await cli('--json', 'list', '--sort', 'id');
    expect(r.code, r.stderr).toBe(EXIT.OK);
    const listed = JSON.parse(r.stdout) as DocumentListPage;
    const host = await startAppHost({ host: 'cli', archiveDir: archive, recentFile: null, forReading: true });
    try {
      const { call } = dispatcher(() => host);
      const page = await call<DocumentListPage>('documentsList', { order: 'id_asc', limit: 50 });
      expect(listed.items).toEqual(page.items);
      expect(listed.total).toBe(2);
      expect(listed.items.map((d) => d.id)).toEqual([1, 2]);
    } finally {
      await host.stop();
    }
    const skipped = JSON.parse(
      (await cli('--json', 'list', '--sort', 'id', '--offset', '1')).stdout,
    ) as DocumentListPage;
    expect(skipped.items.map((d) => d.id)).toEqual([2]);
    expect(skipped.total).toBe(2);
  });

  it('show names the access level and độ mật as the glossary does, never by code', async () => {
    const show = await cli('show', '1');
    expect(show.code, show.stderr).toBe(EXIT.OK);
    expect(show.stdout).toContain(`${bilingual(FIELD_TERMS.access)}: ${bilingual(ACCESS_TERMS['han-che'])}`);
    expect(show.stdout).toContain(
      `${bilingual(FIELD_TERMS.secrecy)}: ${bilingual(SECRECY_TERMS['toi-mat'])}`,
    );
    expect(show.stdout).not.toMatch(/: (han-che|toi-mat)\b/);
    const text = await cli('show', '1', '--text');
    expect(text.stdout).toContain('--- trang / page 1 ---');
    expect(text.stdout).toContain('Về việc giao chỉ tiêu năm 2024');
    const json = JSON.parse((await cli('--json', 'show', '1', '--text')).stdout) as {
      metadata: { access: string };
      pages: Array<{ pageNo: number; text: string }>;
    };
    expect(json.metadata.access).toBe('han-che');
    expect(json.pages.map((p) => p.text).join('\n')).toContain('12/QĐ-UBND');
  });

  it('list and show answer while another process holds the archive', async () => {
    const child = await holdArchiveInChild(archive);
    try {
      const list = await cli('--json', 'list');
      expect(list.code, list.stderr).toBe(EXIT.OK);
      expect((JSON.parse(list.stdout) as DocumentListPage).total).toBe(2);
      const show = await cli('show', '2');
      expect(show.code, show.stderr).toBe(EXIT.OK);
      expect(show.stdout).toContain('7/TB-VP');
      expect((await cli('show', '99')).code).toBe(EXIT.NOT_FOUND);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
