// Fan-out of main → renderer events to whichever transports are attached (IPC windows, SSE clients).
import type { AppEvent, AppEventListener } from '../contract/events.js';
import type { EventSink } from '../core/app/ports.js';

export class EventBus implements EventSink {
  private readonly listeners = new Set<AppEventListener>();

  subscribe(listener: AppEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: AppEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (e) {
        // One broken subscriber (a closed socket) must not starve the others.
        console.error('VanKho: event listener failed', e);
      }
    }
  }
}
