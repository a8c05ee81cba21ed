// The classifier state's plain data (an alert, the current image, a picked one and a result), and what
// it reaches outside itself: the page's services, which the island passes in and tests fake.
import type { ClassifyResult, ImageSource } from '../../lib/engine/methods';
import type { DecodedImage } from '../shared/decode-image';
import type { EngineClient } from '../shared/engine';
import type { ClassifierPhoto } from '../shared/photo-bus';
import type { BackendChoice } from '../../lib/worker-rpc';

/** The backend menu's choices (ModelPicker), against which a choice made before hydration is checked. */
export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const satisfies readonly BackendChoice[];

export interface Alert {
  message: string;
  retry?: () => void;
}

export interface Current {
  id: string;
  title: string;
  alt: string;
  previewUrl: string;
  width: number;
  height: number;
  galleryFile?: string;
}

export interface Picked {
  decoded: DecodedImage;
  title: string;
  alt: string;
  galleryFile?: string;
  trueClass: number | null;
}

export type Result = ClassifyResult & { model: string; imageId: string };

/** The page around a classifier island (./classifier-page.ts in the browser, fakes in Vitest). */
export interface ClassifierPage {
  /** The page's one engine client (shared with the probe), made on first use. */
  engine: () => EngineClient;
  /** A copy of a bitmap for the worker to own: the state keeps its own, to send again after a restart. */
  copyImage: (bitmap: ImageBitmap) => Promise<ImageSource>;
  /** Tells the page's other islands which photo the classifier shows (the photo bus). */
  publishPhoto: (photo: ClassifierPhoto | null) => void;
  /** A site path (`/models/…`) as an absolute URL the worker can fetch. */
  siteUrl: (path: string) => string;
  /** Fetches and decodes a gallery photo (on the page: the worker never fetches images). */
  galleryImage: (file: string) => Promise<DecodedImage>;
}
