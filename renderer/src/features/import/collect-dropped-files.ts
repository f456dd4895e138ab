// Files from a drop, folders included: walks dropped directories with the File System entries API
// (webkitGetAsEntry), keeping each file's relative path for the import log.

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const out: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(out);
        else {
          out.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, prefix: string, out: File[]): Promise<void> {
  if (entry.isFile) {
    const file = await fileOf(entry as FileSystemFileEntry);
    const path = prefix + file.name;
    // Keep the relative path visible to the importer (File.webkitRelativePath is read-only).
    out.push(prefix ? new File([file], path, { type: file.type, lastModified: file.lastModified }) : file);
  } else if (entry.isDirectory) {
    const children = await readAll((entry as FileSystemDirectoryEntry).createReader());
    for (const child of children) await walk(child, `${prefix}${entry.name}/`, out);
  }
}

export async function collectDroppedFiles(dt: DataTransfer): Promise<File[]> {
  const entries = Array.from(dt.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry())
    .filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0) return Array.from(dt.files);
  const out: File[] = [];
  for (const entry of entries) await walk(entry, '', out);
  // Hidden files (.DS_Store, Thumbs.db…) are never documents.
  return out.filter((f) => !/(^|\/)\./.test(f.name) && !/(^|\/)Thumbs\.db$/i.test(f.name));
}
