import { useImperativeHandle, useRef, type Ref } from 'react';

export interface HiddenFileInputHandle {
  /** Opens the browser's file (or folder) picker; must run inside a user gesture. */
  open: (folders?: boolean) => void;
}

/** One invisible file input for the whole app, so Ctrl+O can open the picker from any screen. */
export function HiddenFileInput({
  ref,
  onFiles,
}: {
  ref: Ref<HiddenFileInputHandle>;
  onFiles: (files: File[]) => void;
}) {
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => ({
    open: (folders) => (folders ? folderRef.current : filesRef.current)?.click(),
  }));
  const onChange = (e: React.ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = '';
    if (files.length > 0) onFiles(files);
  };
  return (
    <>
      <input
        ref={filesRef}
        type="file"
        multiple
        hidden
        accept=".pdf,.docx,.doc,.txt,.htm,.html,.rtf,.odt,.zip"
        onChange={onChange}
        data-testid="import-file-input"
      />
      <input
        ref={folderRef}
        type="file"
        multiple
        hidden
        onChange={onChange}
        data-testid="import-folder-input"
        {...{ webkitdirectory: '' }}
      />
    </>
  );
}
