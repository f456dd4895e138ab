// The desktop bridge: exposes `window.vankho`, a VanKhoApi built from the contract map — one
// function per method, each an ipcRenderer.invoke on the contract's channel — plus event
// subscription and file URLs. Never ipcRenderer itself. Runs sandboxed (bundled to CommonJS).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_METHODS, type ApiRequests, type VanKhoApi } from '../main/contract/api.js';
import type { AppEvent, AppEventListener } from '../main/contract/events.js';
import { desktopFileUrl, IPC_EVENT_CHANNEL, ipcChannelOf } from '../main/contract/transport.js';

function buildApi(): VanKhoApi {
  const requests = Object.fromEntries(
    API_METHODS.map((method) => [
      method,
      (input: unknown) => ipcRenderer.invoke(ipcChannelOf(method), input),
    ]),
  ) as unknown as ApiRequests;
  return {
    ...requests,
    onEvent(listener: AppEventListener): () => void {
      const handler = (_e: IpcRendererEvent, event: AppEvent): void => listener(event);
      ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
      return () => {
        ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
      };
    },
    fileUrl: (fileId, opts) => desktopFileUrl(fileId, opts),
    exportUrl: () => null,
  };
}

contextBridge.exposeInMainWorld('vankho', buildApi());
