import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * Two self-contained IIFE files for a plain `<script src>`: `vite build --mode full` writes
 * reportshelf.js (with the default catalogue), `--mode lite` writes reportshelf.lite.js.
 */
export default defineConfig(({ mode }) => {
  const lite = mode === 'lite';
  return {
    resolve: { conditions: ['source'] },
    build: {
      outDir: fileURLToPath(new URL('./dist', import.meta.url)),
      emptyOutDir: !lite,
      target: 'es2022',
      sourcemap: true,
      lib: {
        entry: fileURLToPath(new URL(lite ? './src/reportshelf.lite.ts' : './src/reportshelf.ts', import.meta.url)),
        name: 'Reportshelf',
        formats: ['iife'],
        fileName: () => (lite ? 'reportshelf.lite.js' : 'reportshelf.js'),
      },
    },
  };
});
