#!/usr/bin/env node
// The `nexus` command. Runs the built CLI; from a source checkout with no build yet, builds first.
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

const root = path.join(__dirname, '..')
const cli = path.join(root, 'out', 'main', 'cli.js')
const renderer = path.join(root, 'out', 'renderer', 'index.html')

if (!fs.existsSync(cli) || !fs.existsSync(renderer)) {
  console.error('nexus: no build found, building first (npm run build)...')
  const viteBin = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const built = spawnSync(process.execPath, [viteBin, 'build'], { cwd: root, stdio: ['ignore', 2, 2] })
  if (built.status !== 0) {
    console.error('nexus: the build failed; run `npm install` and `npm run build` to see why.')
    process.exit(1)
  }
}
require(cli)
