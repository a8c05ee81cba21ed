// Probing a loaded ResNet-50 on the reader's photo (issue 11): its residual blocks and spec ↔ model
// map from the graph, one layer's most active channels, ‖F(x)‖/‖x‖ per block, a block's three maps,
// and Grad-CAM. tfjs is passed in; every tensor made here is disposed before a function returns.
export { readGraph, graphOf, type GraphLayer, type ModelGraph } from './graph';
export { findResidualBlocks, type ResidualBlock } from './blocks';
export { mapSpecToModel, specShapeOf, SpecMismatchError, type SpecLayerMatch, type SpecMap, type NamedBlock } from './spec-map';
export { ModelProbe, type NamedResidualBlock, type ResolvedLayer } from './probe-model';
export { channelMeans, topByMean, sharedRange, mostActive } from './channels';
export { probeLayer, probeLayers, denseLogits } from './probe-layer';
export { residualRatios, residualMaps } from './residuals';
export { gradCam, GRADCAM_LAYER } from './gradcam';
export { isOutOfMemory, withMemoryMessage, ProbeMemoryError, refuseGraphModel } from './errors';
