import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../src/model/errors.js';
import { WGSL_CELLS } from '../../../src/model/fused-webgpu/cells.js';
import { checkDeviceLimits } from '../../../src/model/fused-webgpu/limits.js';
import { maxHidden, sumPartsFor, workgroupBytes, workgroupSizeFor } from '../../../src/model/fused-webgpu/programs.js';

// No GPU needed: the sizes the WGSL programs declare, and the checks made before dispatching.
describe('WGSL sweep limits', () => {
  it('the largest hidden size in the 16384 bytes WebGPU guarantees: LSTM 682, GRU 1023, RNN 2047', () => {
    // By hand: 4 bytes × (1 batch index + H of h + gates·H of pre + H of c for LSTM) ≤ 16384:
    // LSTM 4(1 + 6H) → H ≤ 682; GRU 4(1 + 4H) → 1023; RNN 4(1 + 2H) → 2047.
    expect(maxHidden(WGSL_CELLS.lstm, 16384)).toBe(682);
    expect(maxHidden(WGSL_CELLS.gru, 16384)).toBe(1023);
    expect(maxHidden(WGSL_CELLS.rnn, 16384)).toBe(2047);
    expect(workgroupBytes(WGSL_CELLS.lstm, 682)).toBe(16372);
    expect(workgroupBytes(WGSL_CELLS.rnn, 2048)).toBe(16388);
  });

  it('small hidden sizes split the backward sum over the idle threads, and declare the partial sums', () => {
    expect(workgroupSizeFor(4 * 5)).toBe(32);
    expect(workgroupSizeFor(4 * 64)).toBe(256);
    expect(workgroupSizeFor(4 * 65)).toBe(256);
    expect(sumPartsFor(5, 32)).toBe(6);
    expect(sumPartsFor(64, 256)).toBe(4);
    expect(sumPartsFor(300, 256)).toBe(1);
    // LSTM hidden 5: 4 × (1 + 6·5 + 6·5 partial sums).
    expect(workgroupBytes(WGSL_CELLS.lstm, 5)).toBe(4 * (1 + 30 + 30));
  });

  it('a hidden size past the workgroup storage is a ModelError naming the largest that fits; the largest passes', () => {
    const dims = { batch: 2, time: 3, hidden: 683 };
    expect(() => checkDeviceLimits('lstm', WGSL_CELLS.lstm, dims, {})).toThrow(ModelError);
    expect(() => checkDeviceLimits('lstm', WGSL_CELLS.lstm, dims, {})).toThrow('hidden = 683; expected at most 682 for lstm on this device (16384 bytes of workgroup storage)');
    expect(() => checkDeviceLimits('lstm', WGSL_CELLS.lstm, { ...dims, hidden: 682 }, {})).not.toThrow();
    // A device with more workgroup storage takes more.
    expect(() => checkDeviceLimits('lstm', WGSL_CELLS.lstm, dims, { maxComputeWorkgroupStorageSize: 32768 })).not.toThrow();
  });

  it('a trace larger than one storage binding is a ModelError with the bytes it needs', () => {
    // LSTM trace: h and 6 saved values per unit: 4 bytes × 32·100·64 × 7 = 5734400.
    const dims = { batch: 32, time: 100, hidden: 64 };
    expect(() => checkDeviceLimits('lstm', WGSL_CELLS.lstm, dims, { maxStorageBufferBindingSize: 5734400 })).not.toThrow();
    expect(() => checkDeviceLimits('lstm', WGSL_CELLS.lstm, dims, { maxStorageBufferBindingSize: 5734399 })).toThrow(ModelError);
    expect(() => checkDeviceLimits('lstm', WGSL_CELLS.lstm, dims, { maxStorageBufferBindingSize: 5734399 })).toThrow('this needs 5734400');
    // GRU's backward output (dpre and dx, 2 × 3 gates) is its largest buffer: 4 × 32·100·64 × 6.
    expect(() => checkDeviceLimits('gru', WGSL_CELLS.gru, dims, { maxStorageBufferBindingSize: 4915199 })).toThrow('this needs 4915200');
  });
});
