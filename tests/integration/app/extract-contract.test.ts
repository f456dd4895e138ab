// extractPreview (issue 13, the contract behind `vankho extract`): proposes fields and citations for
// a text or a host file with no archive open and nothing filed; a relative path, both inputs at
// once and a caller who is not an admin are refused.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractPreviewDto } from '../../../main/contract/dto.js';
import type { RequestContext } from '../../../main/contract/request-context.js';
import { startAppHost, type AppHost } from '../../../main/index.js';
import { dispatcher } from '../../helpers/dispatch.js';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir.js';

const TEXT =
  'ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 12/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc thành lập tổ công tác\n' +
  'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;\n';

describe('extractPreview', { timeout: 60_000 }, () => {
  let tmp: TempDir;
  let host: AppHost;
  const api = dispatcher(() => host);

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-extract-contract-');
    host = await startAppHost({ host: 'cli' });
  });
  afterAll(async () => {
    await host?.stop();
    await tmp.cleanup();
  });

  it('proposes the number and the citation of a text and of the same text in a file', async () => {
    const fromText = await api.call<ExtractPreviewDto>('extractPreview', { text: TEXT });
    expect(fromText.source).toBe('stdin');
    expect(fromText.fields.number?.value).toBe('12/QĐ-UBND');
    expect(fromText.citations.map((c) => [c.number, c.kind])).toEqual([['30/2020/NĐ-CP', 'can_cu']]);
    const file = join(tmp.dir, 'qd-12.txt');
    writeFileSync(file, TEXT);
    const fromFile = await api.call<ExtractPreviewDto>('extractPreview', { path: file });
    expect(fromFile).toMatchObject({ source: file, textStatus: 'ok', fields: fromText.fields });
    expect(host.service.isOpen).toBe(false);
  });

  it('refuses a missing file, a relative path, both inputs, and a reader', async () => {
    expect(await api.refused('extractPreview', { path: join(tmp.dir, 'khong-co.pdf') })).toBe(
      'FILE_UNREADABLE',
    );
    expect(await api.refused('extractPreview', { path: 'qd-12.txt' })).toBe('PATH_NOT_ABSOLUTE');
    expect(await api.refused('extractPreview', { path: join(tmp.dir, 'qd-12.txt'), text: 'x' })).toBe(
      'INVALID_INPUT',
    );
    const reader: RequestContext = {
      actor: { id: 'r', kind: 'account', displayName: 'r', role: 'reader', readable: ['cong-khai'] },
      signal: new AbortController().signal,
    };
    const r = await host.dispatch('extractPreview', { text: TEXT }, reader);
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });
});
