import type { FusedOp } from '../fused/op.js';
import { CELL_KINDS, type CellKind } from '../types.js';
import { webgpuFusedOp } from './op.js';

export { maxHidden } from './programs.js';
export { WGSL_CELLS } from './cells.js';

/**
 * The fused recurrence op per cell kind on the webgpu backend (fused/index.ts picks these when
 * it is active): one WGSL dispatch per pass over the whole sequence, see programs.ts.
 */
export const WEBGPU_FUSED_OPS: Record<CellKind, { last: FusedOp; all: FusedOp }> = Object.fromEntries(
  CELL_KINDS.map((kind) => [kind, { last: webgpuFusedOp(kind, false), all: webgpuFusedOp(kind, true) }]),
) as Record<CellKind, { last: FusedOp; all: FusedOp }>;
