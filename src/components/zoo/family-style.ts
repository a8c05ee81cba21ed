/**
 * How each family looks: a colour (CSS custom property, light and dark values in ZooChart's styles)
 * and a marker shape, so families stay apart for readers who cannot tell the colours apart.
 * Colours follow Okabe & Ito's colour-blind-safe palette, darkened for light mode and lightened for
 * dark mode to keep 3:1 contrast against the page.
 */
import { symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye, type SymbolType } from 'd3';
import type { Family } from '../../lib/data/keras-applications';

interface FamilyLook {
  readonly shape: SymbolType;
  /** Hollow markers (outline only) for the families that reuse a shape. */
  readonly hollow: boolean;
}

const LOOK: Readonly<Record<Family, FamilyLook>> = {
  VGG: { shape: symbolSquare, hollow: false },
  ResNet: { shape: symbolCircle, hollow: false },
  ResNetV2: { shape: symbolDiamond, hollow: false },
  Inception: { shape: symbolTriangle, hollow: false },
  Xception: { shape: symbolStar, hollow: false },
  MobileNet: { shape: symbolWye, hollow: false },
  DenseNet: { shape: symbolCross, hollow: false },
  NASNet: { shape: symbolSquare, hollow: true },
  EfficientNet: { shape: symbolCircle, hollow: true },
  EfficientNetV2: { shape: symbolDiamond, hollow: true },
  ConvNeXt: { shape: symbolTriangle, hollow: true },
};

/** CSS colour of a family: resolves against the variables ZooChart defines per theme. */
export const familyColor = (f: Family): string => `var(--zoo-${f})`;

export const familyHollow = (f: Family): boolean => LOOK[f].hollow;

/** SVG path of a family's marker with the given area in px². */
export function familySymbol(f: Family, area: number): string {
  return symbol(LOOK[f].shape, area)() ?? '';
}
