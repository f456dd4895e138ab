// ZIP files built and read back in tests (bundles made or tampered with by hand).
import { createHash } from 'node:crypto';
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

interface ManifestEntries {
  entries: { path: string; sha256: string; size: number }[];
}

/**
 * The bundle `file` as a new ZIP with some entries' bytes replaced and its manifest edited, the
 * manifest's checksums made to match (SHA256SUMS left out: it is optional), as a hand-made bundle.
 */
export async function rebuiltBundle(
  file: string,
  replaced: ReadonlyMap<string, Buffer>,
  editManifest: (m: ManifestEntries & Record<string, unknown>) => void = () => undefined,
): Promise<Buffer> {
  const entries = (await zipEntries(file)).filter(([n]) => n !== 'SHA256SUMS');
  return zipOf(
    entries.map(([n, b]): [string, Buffer] => {
      if (n !== 'manifest.json') return [n, replaced.get(n) ?? b];
      const m = JSON.parse(b.toString('utf8')) as ManifestEntries & Record<string, unknown>;
      for (const [path, data] of replaced) {
        const e = m.entries.find((x) => x.path === path)!;
        e.sha256 = createHash('sha256').update(data).digest('hex');
        e.size = data.length;
      }
      editManifest(m);
      return [n, Buffer.from(JSON.stringify(m), 'utf8')];
    }),
  );
}
