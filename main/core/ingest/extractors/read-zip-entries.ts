import yauzl from 'yauzl';

/**
 * Reads the named entries of a ZIP held in memory (DOCX parts), refusing entries whose uncompressed
 * size exceeds maxBytes (zip-bomb guard). Missing entries are absent from the result. Rejects when
 * the buffer is not a readable ZIP.
 */
export function readZipEntries(
  data: Buffer,
  names: string[],
  maxBytes: number,
): Promise<Map<string, Buffer>> {
  const wanted = new Set(names);
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) {
        reject(err ?? new Error('zip'));
        return;
      }
      const out = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!wanted.has(entry.fileName)) {
          zip.readEntry();
          return;
        }
        if (entry.uncompressedSize > maxBytes) {
          reject(new Error(`zip entry too large: ${entry.fileName}`));
          zip.close();
          return;
        }
        zip.openReadStream(entry, (e2, stream) => {
          if (e2 || !stream) {
            reject(e2 ?? new Error('zip stream'));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (c: Buffer) => {
            size += c.length;
            if (size > maxBytes) stream.destroy(new Error(`zip entry too large: ${entry.fileName}`));
            else chunks.push(c);
          });
          stream.on('error', reject);
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
