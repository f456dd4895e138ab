-- Who made a hồ sơ and who entered a document in a register (RequestContext.actor.id): the archive
-- law asks a register to say who registered; NULL for rows made before schema 8.
ALTER TABLE records ADD COLUMN created_by TEXT;
ALTER TABLE register_entries ADD COLUMN registered_by TEXT;
