import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes offline-assets.json: every built file (scripts, styles, lazily loaded pages) for the service worker
 * to keep, so the app reloads without network — not only the pages that happened to be opened before.
 */
function offlineAssets(): Plugin {
  return {
    name: 'shuangyong-offline-assets',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => !name.endsWith('.map') && name !== 'index.html')
        .map((name) => `/${name}`)
        .sort();
      this.emitFile({
        type: 'asset',
        fileName: 'offline-assets.json',
        source: JSON.stringify({ files }),
      });
    },
  };
}

export default defineConfig({
  root: 'src/web',
  plugins: [react(), offlineAssets()],
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
