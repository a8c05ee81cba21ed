// The classifier and the ResNet-50 probe are separate islands on the ResNet page. The classifier
// publishes the photo it is showing here (its preview URL, title and alt text), so the probe can offer
// "the photo from the classifier". The last one is kept for an island that hydrates later.
export interface ClassifierPhoto {
  readonly title: string;
  readonly alt: string;
  /** An object URL of the classifier's preview; revoked when the classifier moves on. */
  readonly previewUrl: string;
}

const EVENT = 'vgg-resnet:classifier-photo';
let last: ClassifierPhoto | null = null;

export function publishClassifierPhoto(photo: ClassifierPhoto | null): void {
  last = photo;
  dispatchEvent(new CustomEvent<ClassifierPhoto | null>(EVENT, { detail: photo }));
}

export const lastClassifierPhoto = (): ClassifierPhoto | null => last;

export function subscribeClassifierPhoto(listener: (p: ClassifierPhoto | null) => void): () => void {
  const h = (e: Event) => listener((e as CustomEvent<ClassifierPhoto | null>).detail);
  addEventListener(EVENT, h);
  return () => removeEventListener(EVENT, h);
}
