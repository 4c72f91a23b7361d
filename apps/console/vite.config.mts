import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The staff web console: built into dist/console, which apps/api serves at /console/.
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: {
    // The act catalogue and the timeline's message catalogues are the API's too: one source.
    alias: {
      '@sanbao/domain': fileURLToPath(
        new URL('../../libs/domain/src/index.ts', import.meta.url),
      ),
    },
  },
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    target: 'es2020',
    // One small bundle: the console is a handful of pages; a phone on a slow line loads it once.
    chunkSizeWarningLimit: 200,
    reportCompressedSize: false,
    modulePreload: { polyfill: false },
  },
  logLevel: 'warn',
});
