import { createContext, useContext, type ReactNode } from 'react';
import type { VanKhoApi } from '../../../main/contract/api.js';

const ApiContext = createContext<VanKhoApi | null>(null);

export function ApiProvider({ api, children }: { api: VanKhoApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** The contract client; screens never know which transport is behind it. */
export function useApi(): VanKhoApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}
