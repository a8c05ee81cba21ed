// The images the page has sent to the engine, by the ids the page chose: the newest few, closed when dropped.
import type { ImageSource } from './methods';

/** How many images the session keeps (the current one, the one before, and a side-by-side). */
const MAX_IMAGES = 4;

export class ImageStore {
  private readonly images = new Map<string, ImageSource>();

  /** `onDrop` hears of every image dropped (replaced, evicted or cleared), to drop what was computed on it. */
  constructor(private readonly onDrop: (imageId: string) => void) {}

  /** Keeps an image under `imageId` (replacing one held there); the oldest go past MAX_IMAGES. */
  put(imageId: string, image: ImageSource): void {
    this.drop(imageId);
    this.images.set(imageId, image);
    while (this.images.size > MAX_IMAGES) {
      const oldest = this.images.keys().next().value as string;
      this.drop(oldest);
    }
  }

  drop(imageId: string): void {
    const img = this.images.get(imageId);
    if (img && 'close' in img && typeof img.close === 'function') img.close();
    this.images.delete(imageId);
    this.onDrop(imageId);
  }

  /** The image held under `imageId`, or undefined. */
  get(imageId: string): ImageSource | undefined {
    return this.images.get(imageId);
  }

  /** The image held under `imageId`; throws when it is no longer held. */
  require(imageId: string): ImageSource {
    const img = this.images.get(imageId);
    if (!img) throw new Error(`the image "${imageId}" is no longer held by the engine; send it again`);
    return img;
  }

  get size(): number {
    return this.images.size;
  }

  clear(): void {
    for (const id of [...this.images.keys()]) this.drop(id);
  }
}
