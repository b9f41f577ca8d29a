import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Component tests mount the renderer's .vue files (happy-dom, per file).
  plugins: [vue()],
  resolve: {
    // The shell's unit tests run against a mocked `electron`, as Electron Fiddle's do; the
    // real package is optional and has no binary here.
    alias: { electron: fileURLToPath(new URL('./test/electron/mock-electron.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/cache-dir.ts'],
    testTimeout: 60_000,
    // 2-core machines: the parcellation tests stream real images, so keep workers few.
    maxWorkers: 2,
  },
});
