/**
 * Float32 regions in a wasm memory, laid out afresh for each call: the sweeps run one at a time
 * per thread of TF.js, so one bump layout reused call after call is all they need, and the
 * memory only grows to the largest call seen.
 */
export class Arena {
  private next: number;

  /** `base`: the first free byte, after the module's static data (its math tables live below). */
  constructor(readonly memory: WebAssembly.Memory, private readonly base: number) {
    this.next = this.start();
  }

  private start(): number {
    return Math.ceil(this.base / 16) * 16;
  }

  /** Forgets every region: the next call lays out from the start. */
  reset(): void {
    this.next = this.start();
  }

  /** The byte address of `floats` new floats, 16-byte aligned for v128 loads. */
  alloc(floats: number): number {
    const at = this.next;
    this.next += Math.ceil(floats / 4) * 16;
    const need = this.next - this.memory.buffer.byteLength;
    if (need > 0) this.memory.grow(Math.ceil(need / 65536));
    return at;
  }

  /** A Float32Array view of a region (views are made after every alloc: growing may move the buffer). */
  view(at: number, floats: number): Float32Array {
    return new Float32Array(this.memory.buffer, at, floats);
  }

  /** Copies `data` into a new region. */
  put(data: Float32Array): number {
    const at = this.alloc(data.length);
    this.view(at, data.length).set(data);
    return at;
  }
}
