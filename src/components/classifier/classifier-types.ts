// The classifier state's plain data: an alert, the current image, a picked one and a result.
import type { ClassifyResult } from '../../lib/engine/methods';
import type { DecodedImage } from '../shared/decode-image';

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
