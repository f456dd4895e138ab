// Signed-in callers the access tests share: one definition, so a change to Actor is made once.
import type { Actor } from '../../main/contract/request-context.js';

/** A cadre account that may read only public (công khai) documents. */
export const READER: Actor = {
  id: 'user:7',
  kind: 'account',
  displayName: 'Cán bộ',
  role: 'reader',
  readable: ['cong-khai'],
};
