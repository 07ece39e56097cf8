import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    // Dependencies (better-sqlite3, sqlite-vec, keytar, ws...) stay external: native modules
    // must be loaded from node_modules (asar-unpacked in a packaged app).
    build: {
      externalizeDeps: true,
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/index.ts')
        }
      }
    }
  },
  preload: {
    // A sandboxed preload cannot require chunks or node_modules: one self-contained CJS file.
    build: {
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [
      react(),
      {
        // Vite's dev server injects an inline React preamble and inline <style> tags; the strict
        // CSP of index.html allows them only under `electron-vite dev`, never in a build.
        name: 'nexus-dev-csp',
        apply: 'serve',
        transformIndexHtml: (html: string) =>
          html
            .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
            .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      }
    ],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    }
  }
})
