// The field ↔ column map lives in the contract (the CLI takes fields by these names too); the core's
// SQL imports it from here, below documents-repo and enrich-document, which both write these columns.
export { FIELD_COLUMNS, parseMetadataField } from '../../contract/field-names.js';
