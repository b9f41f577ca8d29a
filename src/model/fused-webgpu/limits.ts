import { ModelError } from '../errors.js';
import type { CellKind } from '../types.js';
import type { WgslCell } from './cells.js';
import { maxHidden, type SweepDims } from './programs.js';

/** The device limits the sweeps depend on (GPUSupportedLimits' names); absent ones default to WebGPU's guarantees. */
export interface SweepLimits {
  maxComputeWorkgroupStorageSize?: number;
  maxStorageBufferBindingSize?: number;
}

/** What WebGPU guarantees every device. */
const GUARANTEED = { workgroupStorage: 16384, storageBinding: 134217728 };

/**
 * Throws a ModelError when the sweeps cannot run this shape on this device: one sequence's h,
 * pre-activations and carry must fit one workgroup's storage, and the trace (and the backward
 * output) must fit one storage binding. Past either limit WebGPU rejects the pipeline or the
 * binding, and TF.js would go on reading garbage, so this is checked before dispatching.
 */
export function checkDeviceLimits(kind: CellKind, cell: WgslCell, { batch, time, hidden }: SweepDims, limits: SweepLimits): void {
  const storage = limits.maxComputeWorkgroupStorageSize ?? GUARANTEED.workgroupStorage;
  const max = maxHidden(cell, storage);
  if (hidden > max) {
    throw new ModelError('MODEL_HIDDEN_WEBGPU', 'fused WebGPU recurrence', 'hidden', hidden,
      `at most ${max} for ${kind} on this device (${storage} bytes of workgroup storage); a smaller hidden size, or the op loop (setRecurrenceImplementation('ops'))`);
  }
  const binding = limits.maxStorageBufferBindingSize ?? GUARANTEED.storageBinding;
  const bytes = 4 * batch * time * hidden * Math.max(1 + cell.saved, cell.gates * (cell.dxDiffers ? 2 : 1));
  if (bytes > binding) {
    throw new ModelError('MODEL_SEQUENCE_WEBGPU', 'fused WebGPU recurrence', 'batch·time·hidden', `${batch}·${time}·${hidden}`,
      `a trace of at most ${binding} bytes on this device (this needs ${bytes}); smaller batches or shorter sequences`);
  }
}
