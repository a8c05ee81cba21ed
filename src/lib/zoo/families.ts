/**
 * Model families in the order the chart and its legend show them: roughly by year, with the site's
 * two subjects first. The data's `family` field is the key; labels are what readers see.
 */
import { KERAS_MODELS, type Family, type KerasModel } from '../data/keras-applications';

export const FAMILY_ORDER: readonly Family[] = [
  'VGG',
  'ResNet',
  'ResNetV2',
  'Inception',
  'Xception',
  'MobileNet',
  'DenseNet',
  'NASNet',
  'EfficientNet',
  'EfficientNetV2',
  'ConvNeXt',
];

export const FAMILY_LABEL: Readonly<Record<Family, string>> = {
  VGG: 'VGG',
  ResNet: 'ResNet v1',
  ResNetV2: 'ResNet v2',
  Inception: 'Inception',
  Xception: 'Xception',
  MobileNet: 'MobileNet',
  DenseNet: 'DenseNet',
  NASNet: 'NASNet',
  EfficientNet: 'EfficientNet',
  EfficientNetV2: 'EfficientNetV2',
  ConvNeXt: 'ConvNeXt',
};

/** The models the site is about, drawn larger and labelled. */
export const EMPHASISED: readonly string[] = ['VGG16', 'VGG19', 'ResNet50', 'ResNet101', 'ResNet152'];

export interface FamilyGroup {
  readonly family: Family;
  readonly label: string;
  /** Members in the table's order, which is each family's own series order (50 → 101 → 152, B0 → B7). */
  readonly models: readonly KerasModel[];
}

/** Families in FAMILY_ORDER, each with its members; families with no members are left out. */
export function groupByFamily(models: readonly KerasModel[] = KERAS_MODELS): FamilyGroup[] {
  return FAMILY_ORDER.map((family) => ({
    family,
    label: FAMILY_LABEL[family],
    models: models.filter((m) => m.family === family),
  })).filter((g) => g.models.length > 0);
}
