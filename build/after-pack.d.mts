// Types of build/after-pack.mjs for the TypeScript tests (the hook itself is plain JS, run by electron-builder).
import type { FuseV1Options } from '@electron/fuses';

/** The part of electron-builder's AfterPackContext the hook reads. */
export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

export declare const FUSES: Readonly<Partial<Record<FuseV1Options, boolean>>>;
export declare function electronBinary(context: AfterPackContextLike): string;
export default function afterPack(context: AfterPackContextLike): Promise<void>;
