-- 010: mức độ tiếp cận and độ mật of a document (issue 12, enforced for office accounts in issue 14).
-- access is who may read it (the same levels as records.access); secrecy is the độ mật marked on the
-- paper (Luật Bảo vệ bí mật nhà nước 2018: mật, tối mật, tuyệt mật), NULL when it carries none. Both
-- are metadata fields with provenance in document_fields like the others. Never edit once landed.
ALTER TABLE documents ADD COLUMN access TEXT NOT NULL DEFAULT 'cong-khai'
  CHECK (access IN ('cong-khai', 'han-che', 'mat'));
ALTER TABLE documents ADD COLUMN secrecy TEXT CHECK (secrecy IN ('mat', 'toi-mat', 'tuyet-mat'));
-- The readers' filter (documents.access IN (…)) leaves out a few documents among many.
CREATE INDEX documents_access ON documents (access) WHERE access <> 'cong-khai';
