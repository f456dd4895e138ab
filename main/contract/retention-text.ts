// Thời hạn bảo quản as people type it and as it is written, the same in the core, the CLI and the renderer.

/** "10", "10 năm", "permanent", "vĩnh viễn", "vv" → years or 'permanent'; null for anything else. */
export function readRetention(value: string): number | 'permanent' | null {
  const v = value.normalize('NFC').trim().toLocaleLowerCase('vi');
  if (['permanent', 'vĩnh viễn', 'vinh vien', 'vv'].includes(v)) return 'permanent';
  const m = /^(\d{1,3})(\s*(năm|nam|years?))?$/.exec(v);
  return m && Number(m[1]) > 0 ? Number(m[1]) : null;
}

/** How a retention is written in lists and printed tables: "Vĩnh viễn", "10 năm". */
export function retentionLabel(r: number | 'permanent'): string {
  return r === 'permanent' ? 'Vĩnh viễn' : `${r} năm`;
}
