// electron-builder's afterPack hook (electron-builder.yml `afterPack`): flips the packaged
// Electron binary's fuses, once, before electron-builder signs it. The set is issue 11's
// security section: no running the app as plain Node, no NODE_OPTIONS or --inspect, code only
// from the integrity-checked app.asar, cookies encrypted at rest.
import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/** The fuses the hook sets; every other fuse keeps the value Electron shipped with. */
export const FUSES = Object.freeze({
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
});

// builder-util's Arch.arm64: the one macOS build whose ad-hoc signature a rewrite invalidates.
const ARCH_ARM64 = 3;

/**
 * The Electron binary electron-builder packed into `context.appOutDir`: Linux's executable
 * (linux.executableName, else the lower-cased package name), the .exe on Windows, and on
 * macOS the app's main executable (@electron/fuses resolves it to the Electron Framework,
 * where the fuse wire lives).
 */
export function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'linux':
      return path.join(appOutDir, packager.executableName ?? productFilename);
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${productFilename}.app`, 'Contents', 'MacOS', productFilename);
    case 'win32':
      return path.join(appOutDir, `${productFilename}.exe`);
    default:
      throw new Error(`after-pack: no Electron binary known for platform ${JSON.stringify(electronPlatformName)}`);
  }
}

/** Flips FUSES in the packed binary; an unsigned arm64 Mac build is re-signed ad hoc, as it must be to launch. */
export default async function afterPack(context) {
  const darwinArm64 = (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') && context.arch === ARCH_ARM64;
  await flipFuses(electronBinary(context), { version: FuseVersion.V1, resetAdHocDarwinSignature: darwinArm64, ...FUSES });
}
