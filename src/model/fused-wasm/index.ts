import type { CellKind } from '../types.js';
import { wasmThreads } from './engine.js';
import { wasmRecurrenceOp, type WasmRecurrenceOp } from './op.js';

export { setWasmThreads, wasmSweepsUnavailable, wasmThreads } from './engine.js';

const threads = () => {
  const t = wasmThreads();
  if (!t) throw new Error('recurrence.wasm is not available here');
  return t;
};

/** The recurrence op per cell kind with recurrence.wasm's sweeps (callers check wasmThreads() first). */
export const WASM_RECURRENCE_OPS: Record<CellKind, { last: WasmRecurrenceOp; all: WasmRecurrenceOp; lastFromData: WasmRecurrenceOp }> = {
  lstm: opsOf('lstm'),
  gru: opsOf('gru'),
  rnn: opsOf('rnn'),
};

/** `lastFromData`: the last state, for inputs that are data (their gradient comes back as zeros). */
function opsOf(kind: CellKind) {
  return { last: wasmRecurrenceOp(kind, false, true, threads), all: wasmRecurrenceOp(kind, true, true, threads), lastFromData: wasmRecurrenceOp(kind, false, false, threads) };
}
