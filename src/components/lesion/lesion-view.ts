// The block-deletion figure's page-side shapes: what its state class is handed (decoding, copying and
// fetching images, so Vitest can fake them) and what it holds for the island to draw.
import type { ImageSource } from '../../lib/engine/methods';
import type { BlockDeletion, OriginalTop1 } from '../../lib/probe/lesion-types';

export interface LesionDeps {
  /** A picked file decoded (checked, downscaled): the image for the engine and an object URL to show. */
  decode(blob: Blob, name: string): Promise<{ image: ImageSource; previewUrl: string }>;
  /** A copy of `image` the worker may own, with what to transfer (the page keeps its own to send again). */
  copy(image: ImageSource): Promise<{ image: ImageSource; transfer: Transferable[] }>;
  /** A gallery photo's bytes. */
  galleryBlob(file: string): Promise<Blob>;
  revoke(url: string): void;
}

export interface LesionPhoto {
  /** The image's id in the worker (unique on the page). */
  id: string;
  title: string;
  alt: string;
  previewUrl: string;
  /** The gallery file, or null for the reader's own photo. */
  galleryFile: string | null;
  image: ImageSource;
}

/** A photo to pick: its bytes come later (fetched or read). */
export interface LesionPick {
  title: string;
  alt: string;
  name: string;
  galleryFile: string | null;
  blob: () => Promise<Blob>;
}

/** One step of the trail: how the intact top-1 fares with this many blocks off. */
export interface TrailStep {
  off: number;
  prob: number;
  rank: number | null;
}

export interface SweepView {
  photo: string;
  original: OriginalTop1 | null;
  deletions: BlockDeletion[];
  done: boolean;
}

/** A labelled photo for the sweep over the gallery. */
export interface LabelledPhoto {
  file: string;
  trueClass: number;
}
