import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The drop-in build: two self-contained IIFE files for a plain `<script src>`, written to
 * packages/embed/dist. `vite build --mode full` writes reportshelf.js (with the default
 * catalogue), `--mode lite` writes reportshelf.lite.js. (Storybook has its own Vite settings in
 * .storybook/main.ts; tests run through web-test-runner.config.mjs.)
 */
export default defineConfig(({ mode }) => {
  const lite = mode === 'lite';
  return {
    resolve: { conditions: ['source'] },
    build: {
      outDir: fileURLToPath(new URL('./packages/embed/dist', import.meta.url)),
      emptyOutDir: !lite,
      target: 'es2022',
      sourcemap: true,
      lib: {
        entry: fileURLToPath(new URL(lite ? './packages/embed/src/reportshelf.lite.ts' : './packages/embed/src/reportshelf.ts', import.meta.url)),
        name: 'Reportshelf',
        formats: ['iife'],
        fileName: () => (lite ? 'reportshelf.lite.js' : 'reportshelf.js'),
      },
    },
  };
});
