// ZIP files built and read back in tests (bundles made or tampered with by hand).
import yauzl from 'yauzl';
import yazl from 'yazl';

/** A ZIP of the given entries (per-entry yazl options, e.g. a compression choice or a mode). */
export async function zipOf(entries: Array<[string, Buffer, Partial<yazl.Options>?]>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data, o] of entries) z.addBuffer(data, name, o ?? {});
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** Every entry of a ZIP file with its bytes, in file order. */
export async function zipEntries(file: string): Promise<Array<[string, Buffer]>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const out: Array<[string, Buffer]> = [];
  for await (const e of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of (await zip.openReadStreamPromise(e)) as AsyncIterable<Buffer>) chunks.push(c);
    out.push([e.fileName, Buffer.concat(chunks)]);
  }
  zip.close();
  return out;
}
