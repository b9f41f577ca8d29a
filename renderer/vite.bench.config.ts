import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Pages that mount one view with synthetic data at realistic sizes (400 regions × 1,200 steps)
 * for `npm run bench:ui`; built to dist/bench-renderer, never shipped with the app.
 */
const page = (name: string) => fileURLToPath(new URL(`./bench/${name}.html`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./bench', import.meta.url)),
  base: './',
  plugins: [vue()],
  define: { __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  build: {
    outDir: fileURLToPath(new URL('../dist/bench-renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4000,
    rollupOptions: { input: { heatmap: page('heatmap'), brain: page('brain') } },
  },
});
