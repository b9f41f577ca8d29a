// The parts of the WebAssembly JS API that fused-wasm/ uses: Node has them, but neither the
// ES2022 lib nor @types/node 20 declares them, and the DOM lib would let src/ reach the DOM.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: BufferSource);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    grow(pages: number): number;
  }
  type BufferSource = ArrayBufferView | ArrayBuffer;
}
