import { existsSync, readdirSync } from 'node:fs';
import type { LoadResult, PackageLoader } from './types.js';

/** Dawn for Node: gives this process a `navigator.gpu` (optional dependency). */
export const DAWN_PACKAGE = 'webgpu';

/** The adapter fields that tell a real GPU from a software one, as Dawn reports them. */
export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
}

/** What probing for a WebGPU adapter found: none (and why), or one, software or not. */
export type AdapterProbe =
  | { ok: false; why: string }
  | { ok: true; adapter: AdapterSummary; software: string | null };

interface DawnModule {
  create(options: string[]): GPULike;
  globals: Record<string, unknown>;
}
interface GPULike {
  requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null>;
}
interface AdapterLike {
  info?: Partial<AdapterSummary>;
  isFallbackAdapter?: boolean;
}

/** Names of software rasterisers that drivers report; each would "run" WebGPU on the CPU. */
const SOFTWARE_DRIVERS: [RegExp, string][] = [
  [/swiftshader/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/lavapipe/i, 'lavapipe'],
  [/softpipe/i, 'softpipe'],
  [/microsoft basic render/i, 'Microsoft Basic Render Driver'],
  [/warp/i, 'WARP'],
];

/**
 * The name of the software rasteriser behind an adapter, or null for a real GPU. A fallback
 * adapter with no known name is still software: WebGPU promises it is slow, not that it says why.
 */
export function softwareAdapterName(a: AdapterSummary): string | null {
  const text = [a.vendor, a.architecture, a.device, a.description].join(' ');
  const known = SOFTWARE_DRIVERS.find(([pattern]) => pattern.test(text));
  if (known) return known[1];
  return a.isFallbackAdapter ? 'a fallback adapter' : null;
}

/** "google swiftshader, SwiftShader driver 5.0.0": the adapter's own words, for the report. */
export function describeAdapter(a: AdapterSummary): string {
  const words = [[a.vendor, a.architecture].filter(Boolean).join(' '), a.description || a.device].filter(Boolean);
  return words.length > 0 ? words.join(', ') : 'an adapter that gives no vendor or description';
}

/** Dawn's GPU per loaded module: one instance per thread, reused by every later probe. */
const instances = new WeakMap<object, GPULike>();

/**
 * Loads Dawn, installs its WebGPU globals and `navigator.gpu` once per thread (tfjs-backend-webgpu
 * registers itself only when it finds navigator.gpu at import, and uses GPUBufferUsage & co. as
 * globals), and asks for an adapter. A missing package, a broken one and "no adapter" (no Vulkan
 * driver) are reasons, never throws, so `auto` can fall back with them.
 */
export async function probeWebGpuAdapter(load: PackageLoader): Promise<AdapterProbe> {
  // Loaded every time (the import is cached): an injected loader decides, even after a real load.
  const result: LoadResult = await load(DAWN_PACKAGE);
  if (result.status === 'missing') return { ok: false, why: `${DAWN_PACKAGE} (Dawn for Node) is not installed (optional)` };
  if (result.status === 'failed') return { ok: false, why: `${DAWN_PACKAGE} (Dawn for Node) is installed but failed to load: ${result.message}` };
  const dawn = result.module as Partial<DawnModule>;
  if (typeof dawn !== 'object' || dawn === null || typeof dawn.create !== 'function' || typeof dawn.globals !== 'object' || dawn.globals === null) {
    return { ok: false, why: `${DAWN_PACKAGE} loaded but exports no create() and globals (not Dawn's node-webgpu?)` };
  }
  let gpu = instances.get(dawn);
  if (!gpu) {
    try {
      gpu = dawn.create([]);
      installGlobals(dawn.globals, gpu);
      instances.set(dawn, gpu);
    } catch (err) {
      return { ok: false, why: `${DAWN_PACKAGE} (Dawn) failed to start: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  let adapter: AdapterLike | null;
  try {
    // The same preference tfjs-backend-webgpu asks with, so both see the same adapter.
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    return { ok: false, why: `Dawn could not request an adapter: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!adapter) {
    const icd = process.env.VK_ICD_FILENAMES;
    return { ok: false, why: `Dawn found no WebGPU adapter (no usable Vulkan driver${icd ? `; VK_ICD_FILENAMES=${icd}` : ''})` };
  }
  const info = adapter.info ?? {};
  const summary: AdapterSummary = {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
  };
  return { ok: true, adapter: summary, software: softwareAdapterName(summary) };
}

/** Dawn's classes and constants as globals, and `navigator.gpu`, without replacing a navigator Node already has. */
function installGlobals(globals: Record<string, unknown>, gpu: GPULike): void {
  for (const [name, value] of Object.entries(globals)) {
    if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  const g = globalThis as { navigator?: { gpu?: unknown } };
  if (g.navigator === undefined) {
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  } else if (!g.navigator.gpu) {
    Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
  }
}

/**
 * Under `auto`, whether probing Dawn can find anything but a software rasteriser. On Linux with no
 * GPU device node and no Vulkan driver named by VK_ICD_FILENAMES it cannot, and loading Dawn
 * there only costs time and prints native warnings on stderr (Mesa's ICDs), so the rung is
 * passed over unprobed. Null when a probe is worth it, else the reason. Elsewhere: always probe.
 */
export function noGpuDeviceReason(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, devices: () => string[] = listGpuDeviceNodes): string | null {
  if (platform !== 'linux' || env.VK_ICD_FILENAMES) return null;
  return devices().length > 0 ? null : 'no GPU device on this machine (no /dev/dri/renderD*, no /dev/nvidia*; set VK_ICD_FILENAMES to probe a Vulkan driver anyway)';
}

function listGpuDeviceNodes(): string[] {
  const render = existsSync('/dev/dri') ? readdirSync('/dev/dri').filter((n) => n.startsWith('renderD')).map((n) => `/dev/dri/${n}`) : [];
  return [...render, ...(existsSync('/dev/nvidia0') ? ['/dev/nvidia0'] : [])];
}
