-- 013: a person's "keep both" on two documents of the same identity (số ký hiệu + cơ quan ban hành +
-- năm, Nghị định 30/2020 Phụ lục VI III.1.h): the pair no longer warns. core/archive/identity-twins.ts
-- holds all of this table's SQL. The pair is kept ordered (low_id < high_id) so it is stored once.
-- Never edit once landed.
CREATE TABLE identity_twin_dismissals (
  low_id        INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  high_id       INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  dismissed_by  TEXT,
  dismissed_at  TEXT NOT NULL,
  PRIMARY KEY (low_id, high_id),
  CHECK (low_id < high_id)
) WITHOUT ROWID;
CREATE INDEX identity_twin_dismissals_high ON identity_twin_dismissals (high_id);
