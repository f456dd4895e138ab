// VanKhoError lives in core/errors (the bottom of the core, below archive and jobs). This re-export
// keeps the 40-odd importers unchanged while other work is in flight; import from core/errors in
// new code, and drop this file once the importers have moved.
export { VanKhoError } from '../errors/vankho-error.js';
