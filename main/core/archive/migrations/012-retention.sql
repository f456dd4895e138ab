-- 012: retention tables (bảng thời hạn bảo quản, issue 12): the tables a hồ sơ's retention period is
-- proposed from. Seeded once from main/core/records/retention-tables.json (meta 'retention_seeded'),
-- then the archive's own: rows are added, changed and removed in the app. Owned by
-- core/records/retention-store.ts (all of their SQL). Never edit once landed.
CREATE TABLE retention_tables (
  key     TEXT PRIMARY KEY,                 -- 'tt10-2022', 'hd35-vptw'
  name    TEXT NOT NULL,
  source  TEXT NOT NULL,                    -- the text the rows come from
  note    TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE retention_rows (
  id              INTEGER PRIMARY KEY,
  table_key       TEXT NOT NULL REFERENCES retention_tables (key) ON DELETE CASCADE,
  grp             TEXT NOT NULL DEFAULT '',  -- the table's group (nhóm), e.g. 'Tài liệu tổng hợp'
  title           TEXT NOT NULL,             -- the kind of hồ sơ, as the table names it
  retention_years INTEGER CHECK (retention_years IS NULL OR retention_years > 0), -- NULL: vĩnh viễn
  shipped         INTEGER NOT NULL DEFAULT 0, -- 1: as VanKho shipped it, unchanged since
  updated_at      TEXT NOT NULL
);
CREATE INDEX retention_rows_table ON retention_rows (table_key, grp);
