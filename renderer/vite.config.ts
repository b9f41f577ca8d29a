import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The renderer's one build: renderer/ → dist/renderer, with relative asset URLs so the same
 * files load under Electron's app://renderer/ and browser mode's http://127.0.0.1:port/.
 * SFCs are compiled here, so the page runs Vue's runtime-only build (no eval under the CSP).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [vue()],
  define: {
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    reportCompressedSize: false,
    // ECharts alone is ~600 kB even imported part by part; one local file, no network cost.
    chunkSizeWarningLimit: 1500,
  },
});
