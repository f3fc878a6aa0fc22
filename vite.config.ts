import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** A path inside the repository, independent of the working directory Vite was started from. */
const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const HUB = process.env.MELDKAMER_HUB_URL ?? 'http://127.0.0.1:4800';

const hubProxy = {
  '/api': { target: HUB, changeOrigin: true },
  '/health': { target: HUB, changeOrigin: true },
  '/socket.io': { target: HUB, ws: true, changeOrigin: true },
  // The offline basemap: its style names tiles and glyphs on the host it was asked on, so that host stays Vite's.
  '/map': { target: HUB, changeOrigin: false },
  '/tiles': { target: HUB, changeOrigin: false },
};

/**
 * The console is served by the hub at `/` under a strict CSP (set as a header by the hub and the Electron
 * shell, see server/http/security-headers.ts): no inline scripts, nothing from other origins. The build
 * therefore emits only same-origin module scripts, CSS and the MapLibre worker as a file
 * (renderer/console/map/useMapInstance.ts: `?url` import + setWorkerUrl).
 */
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // maplibre-gl alone is about 1 MB minified; expected for a desktop console.
    chunkSizeWarningLimit: 2000,
    modulePreload: { polyfill: false },
    // Two pages from one build: the console (`/`) and the field client for BOAs (`/field`, served by the hub).
    // `rolldownOptions` is Vite 8's name for the deprecated `rollupOptions`.
    rolldownOptions: {
      input: {
        main: fromRoot('renderer/index.html'),
        field: fromRoot('renderer/field.html'),
        wallboard: fromRoot('renderer/wallboard.html'),
      },
    },
  },
  server: { port: 5173, proxy: hubProxy },
  preview: { port: 4173, proxy: hubProxy },
});
