// openVanKhoForReading: the search engine without the write lock. It stays read-only when the index
// is current, opens writable once to catch up an index that lags the data (nobody else holds the
// archive), and reads the index as it is when another process holds the lock.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../main/core/archive/archive.js';
import { importPaths } from '../../main/core/ingest/import-files.js';
import { openVanKho, openVanKhoForReading } from '../../main/core/open-vankho.js';
import { holdArchiveInChild } from '../helpers/hold-archive.js';
import { makeTempDir, type TempDir } from '../helpers/temp-dir.js';

const TEXTS = {
  'qd.txt':
    'ỦY BAN NHÂN DÂN TỈNH LAM GIANG\nSố: 15/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc thành lập Ban Chỉ đạo chuyển đổi số\n',
  'kh.txt': 'HUYỆN ỦY ĐÔNG YÊN\nSố: 08-KH/HU\nKẾ HOẠCH\nTriển khai công tác lưu trữ năm 2024\n',
};

describe('openVanKhoForReading', { timeout: 120_000 }, () => {
  let tmp: TempDir;
  let dir: string;
  let ids: number[] = [];

  beforeAll(async () => {
    tmp = await makeTempDir('vankho-search-ro-');
    dir = join(tmp.dir, 'archive');
    const src = join(tmp.dir, 'src');
    const vk = openVanKho(dir, { create: true });
    try {
      mkdirSync(src);
      for (const [name, text] of Object.entries(TEXTS)) writeFileSync(join(src, name), text);
      await importPaths(vk.archive, [src]);
      const idOf = vk.archive.db
        .prepare<[string], number>('SELECT id FROM documents WHERE number = ?')
        .pluck();
      ids = ['15/QĐ-UBND', '08-KH/HU'].map((n) => idOf.get(n)!);
    } finally {
      vk.close();
    }
  }, 120_000);
  afterAll(() => tmp?.cleanup());

  /** A change made by a writer without the search engine: the index now lags the data. */
  function retitleWithoutSearch(id: number, title: string): void {
    const a = openArchive(dir, { create: false });
    try {
      a.write((db) => db.prepare('UPDATE documents SET title = ? WHERE id = ?').run(title, id));
    } finally {
      a.close();
    }
  }

  it('stays read-only on a current index and finds the documents', () => {
    expect(ids.every((id) => id > 0)).toBe(true);
    const vk = openVanKhoForReading(dir);
    try {
      expect(vk.archive.readonly).toBe(true);
      expect(vk.search.behind()).toBe(false);
      expect(vk.search.search({ query: '15/QĐ-UBND', limit: 1 }).hits[0]?.id).toBe(ids[0]);
      expect(vk.search.find('08-KH').map((h) => h.id)).toContain(ids[1]);
    } finally {
      vk.close();
    }
  });

  it('opens writable once to catch up an index that lags the data, then reads again', () => {
    retitleWithoutSearch(ids[1]!, 'Kế hoạch chỉnh lý tài liệu Phù Ninh');
    const vk = openVanKhoForReading(dir);
    try {
      expect(vk.archive.readonly).toBe(false);
      expect(vk.search.search({ query: 'phu ninh', limit: 1 }).hits[0]?.id).toBe(ids[1]);
    } finally {
      vk.close();
    }
    const again = openVanKhoForReading(dir);
    try {
      expect(again.archive.readonly).toBe(true);
      expect(again.search.behind()).toBe(false);
      expect(again.search.search({ query: 'phu ninh', limit: 1 }).hits[0]?.id).toBe(ids[1]);
    } finally {
      again.close();
    }
  });

  it('reads the index as it is, without failing, while another process holds the archive', async () => {
    retitleWithoutSearch(ids[0]!, 'Quyết định thành lập Hội đồng Xuân Khuê');
    const child = await holdArchiveInChild(dir);
    try {
      const vk = openVanKhoForReading(dir);
      try {
        expect(vk.archive.readonly).toBe(true);
        // The holder wrote nothing through the search engine: the index is behind, and says so.
        expect(vk.search.behind()).toBe(true);
        expect(vk.search.search({ query: 'khue', limit: 1 }).total).toBe(0);
        expect(vk.search.search({ query: 'ban chi dao chuyen doi so', limit: 1 }).hits[0]?.id).toBe(ids[0]);
      } finally {
        vk.close();
      }
    } finally {
      child.kill('SIGKILL');
    }
  });
});
