/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Absolute paths so the config behaves the same from the repo root and from client/.
const clientDir = fileURLToPath(new URL('.', import.meta.url));
const repoDir = fileURLToPath(new URL('..', import.meta.url));

// This file runs in Node at build/dev time; it is not part of the browser bundle.
const apiOrigin = process.env.API_ORIGIN ?? 'http://127.0.0.1:3000';
const proxiedPaths = ['/api', '/healthz', '/readyz'];

export default defineConfig({
  root: clientDir,
  // Vite caches under <root>/node_modules by default, which would leave a stray client/node_modules.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/client', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // React + Konva + zod (the shape schema shared with the server) make one ~175 kB gzip chunk;
    // split it when the app grows routes.
    chunkSizeWarningLimit: 650,
  },
  server: {
    proxy: Object.fromEntries(proxiedPaths.map((path) => [path, { target: apiOrigin }])),
  },
  test: {
    name: 'client',
    environment: 'jsdom',
    // Test files are matched from the repo root so the pattern reads the same in any runner.
    dir: repoDir,
    include: ['client/src/**/*.test.{ts,tsx}'],
    setupFiles: ['vitest-canvas-mock', fileURLToPath(new URL('./src/test/setup.ts', import.meta.url))],
  },
});
