/** A file the host may stream to the renderer, resolved from an id by the service (never from a client path). */
export interface StoredFileRef {
  path: string;
  size: number;
  mediaType: string;
  /** The original file name, for Content-Disposition. */
  name: string;
}
