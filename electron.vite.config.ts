import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main-process entries share one core: `index` is the Electron shell, `webHost` serves the
// same API and renderer over loopback HTTP under plain Node (no Electron import reachable from it).
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/main.ts'),
          webHost: resolve(__dirname, 'src/main/web/webHostMain.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload can only be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  // The renderer is minified (electron-vite does not by default) and split: the libraries every
  // screen needs in long-lived vendor chunks, and what only some screens need (charts, pdf.js)
  // in chunks that load with those screens (App.tsx imports them lazily). The sign-in form and
  // the inbox then parse ~1 MB instead of one 3.8 MB file.
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
        output: {
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
              { name: 'mantine', test: /node_modules[\\/]@mantine[\\/](core|hooks)[\\/]/ },
              {
                name: 'charts',
                test: /node_modules[\\/](recharts|d3-[^\\/]+|@mantine[\\/]charts)[\\/]/,
              },
              { name: 'pdfjs', test: /node_modules[\\/]pdfjs-dist[\\/]/ },
              { name: 'vendor', test: /node_modules[\\/]/ },
            ],
          },
        },
      },
    },
    plugins: [react()],
  },
});
