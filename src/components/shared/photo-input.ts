// The one way the reader hands a photo to a demo (the classifier's ImageInput, the probe's
// PhotoPicker): a file chosen in an <input type="file">, dropped on its label, or pasted anywhere on the
// page. Svelte actions, so each picker keeps its own markup and styles and shares the handling.

export const EMPTY_DROP = 'That drop held no file. Drag a photo file from your computer onto this area.';

export interface DropOptions {
  onFile: (file: File) => void;
  /** A drop without a file (text, a link): the picker says what to do instead. */
  onEmpty: () => void;
  /** Whether a file is being dragged over (for the highlight). */
  onDragging?: (over: boolean) => void;
}

/** On a drop zone (the file input's label): takes the first file dropped on it. */
export function fileDrop(node: HTMLElement, opts: DropOptions): { update(o: DropOptions): void; destroy(): void } {
  let o = opts;
  const over = (e: DragEvent) => {
    e.preventDefault();
    o.onDragging?.(true);
  };
  const leave = () => o.onDragging?.(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    o.onDragging?.(false);
    const file = e.dataTransfer?.files[0];
    if (file) o.onFile(file);
    else o.onEmpty();
  };
  node.addEventListener('dragover', over);
  node.addEventListener('dragleave', leave);
  node.addEventListener('drop', drop);
  return {
    update: (next) => (o = next),
    destroy: () => {
      node.removeEventListener('dragover', over);
      node.removeEventListener('dragleave', leave);
      node.removeEventListener('drop', drop);
    },
  };
}

/** On a file input: hands over the chosen file, then clears the input so the same file can be chosen again. */
export function fileChosen(
  node: HTMLInputElement,
  onFile: (file: File) => void,
): { update(f: (file: File) => void): void; destroy(): void } {
  let f = onFile;
  const change = () => {
    const file = node.files?.[0];
    node.value = '';
    if (file) f(file);
  };
  node.addEventListener('change', change);
  return { update: (next) => (f = next), destroy: () => node.removeEventListener('change', change) };
}

/** On any element while it is on the page: a file pasted anywhere on the page (Ctrl/⌘+V). */
export function filePaste(_node: HTMLElement, onFile: (file: File) => void): { update(f: (file: File) => void): void; destroy(): void } {
  let f = onFile;
  const paste = (e: ClipboardEvent) => {
    const file = [...(e.clipboardData?.files ?? [])][0];
    if (!file) return;
    e.preventDefault();
    f(file);
  };
  window.addEventListener('paste', paste);
  return { update: (next) => (f = next), destroy: () => window.removeEventListener('paste', paste) };
}
