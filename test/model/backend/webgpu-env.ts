import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importPackage } from '../../../src/model/backend/loader.js';
import { probeWebGpuAdapter } from '../../../src/model/backend/webgpu.js';

/** Chromium's SwiftShader Vulkan driver (Debian's chromium package): a software WebGPU adapter for Dawn. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/**
 * Points Vulkan at SwiftShader when nothing else was chosen (set before Dawn loads; workers and
 * child processes inherit it), and gives SwiftShader a runtime dir so it does not warn.
 */
export function useSwiftShaderIfPresent(): void {
  if (process.env.VK_ICD_FILENAMES === undefined && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  process.env.XDG_RUNTIME_DIR ??= mkdtempSync(path.join(tmpdir(), 'xdg-'));
}

/** Null when Dawn finds an adapter here, else why not: the skip reason tests put in their names. */
export async function noAdapterReason(): Promise<string | null> {
  useSwiftShaderIfPresent();
  const probe = await probeWebGpuAdapter(importPackage);
  return probe.ok ? null : probe.why;
}
