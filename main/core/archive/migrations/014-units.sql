-- 014: đơn vị / phòng ban and who may read a hạn chế / mật document or hồ sơ beyond their level
-- (issue 14). core/accounts/units-store.ts holds all of these tables' SQL; the read filter that uses
-- the views is core/archive/access.ts. Never edit once landed.

-- A unit (phòng, ban, văn phòng) of the office. Its name is what people type (`--unit "Văn phòng"`).
CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at  TEXT NOT NULL
);

-- Membership is many-to-many: a cán bộ belongs to one phòng/ban, but one seconded (biệt phái,
-- kiêm nhiệm) reads for two; a table costs no more than a users column and needs no later migration.
CREATE TABLE unit_members (
  unit_id  INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (unit_id, user_id)
) WITHOUT ROWID;
CREATE INDEX unit_members_user ON unit_members (user_id);

-- A grant opens one document or one hồ sơ (exactly one) to one unit or one account (exactly one),
-- whatever its level. A document in a granted hồ sơ is covered by the grant.
CREATE TABLE access_grants (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER REFERENCES documents (id) ON DELETE CASCADE,
  record_id    INTEGER REFERENCES records (id) ON DELETE CASCADE,
  unit_id      INTEGER REFERENCES units (id) ON DELETE CASCADE,
  user_id      INTEGER REFERENCES users (id) ON DELETE CASCADE,
  granted_by   TEXT NOT NULL,
  granted_at   TEXT NOT NULL,
  CHECK ((document_id IS NULL) <> (record_id IS NULL)),
  CHECK ((unit_id IS NULL) <> (user_id IS NULL))
);
CREATE UNIQUE INDEX access_grants_once
  ON access_grants (ifnull(document_id, 0), ifnull(record_id, 0), ifnull(unit_id, 0), ifnull(user_id, 0));
CREATE INDEX access_grants_document ON access_grants (document_id) WHERE document_id IS NOT NULL;
CREATE INDEX access_grants_record ON access_grants (record_id) WHERE record_id IS NOT NULL;

-- The grants as each account holds them, directly or through its units.
CREATE VIEW user_grants AS
  SELECT g.user_id, g.document_id, g.record_id FROM access_grants g WHERE g.user_id IS NOT NULL
  UNION ALL
  SELECT m.user_id, g.document_id, g.record_id
    FROM access_grants g JOIN unit_members m ON m.unit_id = g.unit_id;

-- The hồ sơ an account may read beyond its levels.
CREATE VIEW user_granted_records AS
  SELECT user_id, record_id FROM user_grants WHERE record_id IS NOT NULL;

-- The documents an account may read beyond its levels: granted, or filed in a granted hồ sơ.
CREATE VIEW user_granted_documents AS
  SELECT user_id, document_id FROM user_grants WHERE document_id IS NOT NULL
  UNION ALL
  SELECT r.user_id, x.document_id
    FROM user_granted_records r JOIN record_documents x ON x.record_id = r.record_id;
