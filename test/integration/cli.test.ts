import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../src/main/core/db/migrations'
import { tempDir } from '../helpers/tmp'

const BIN = path.resolve(__dirname, '../../bin/nexus.js')

function nexus(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NEXUS_DATA_DIR: '', ...env },
    timeout: 120_000
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('nexus CLI', () => {
  it('prints app info as JSON for the chosen data dir', () => {
    const dir = tempDir()
    const { status, stdout } = nexus(['--data-dir', dir, 'info', '--json'])
    expect(status).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ name: 'NEXUS', mode: 'cli', dataDir: dir, schemaVersion: MIGRATIONS.at(-1)!.version })
  })

  it('takes the data dir from NEXUS_DATA_DIR when no flag is given', () => {
    const dir = tempDir()
    const { status, stdout } = nexus(['info', '--json'], { NEXUS_DATA_DIR: dir })
    expect(status).toBe(0)
    expect(JSON.parse(stdout).dataDir).toBe(dir)
  })

  it('explains bad input and unknown requests, exiting non-zero', () => {
    const dir = tempDir()
    const bad = nexus(['--data-dir', dir, 'call', 'settings.set', '--json', '{"theme":"neon"}'])
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/Invalid input for "settings.set".*theme.*\[BAD_REQUEST\]/s)
    const unknown = nexus(['--data-dir', dir, 'call', 'settings.nuke'])
    expect(unknown.status).toBe(1)
    expect(unknown.stderr).toMatch(/Unknown request "settings.nuke"/)
    const port = nexus(['--data-dir', dir, 'serve', '--port', 'abc'])
    expect(port.status).not.toBe(0)
    expect(port.stderr).toMatch(/--port must be a whole number/)
  })

  it('serves, talks to the running instance, refuses a second owner, and stops cleanly', async () => {
    const dir = tempDir()
    const host = spawn(process.execPath, [BIN, '--data-dir', dir, 'serve', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        host.stdout.on('data', (chunk) => {
          out += String(chunk)
          const match = /NEXUS is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out)
          if (match) resolve(match[1]!)
        })
        host.once('exit', (code) => reject(new Error(`host exited with ${code}`)))
      })
      expect((await fetch(url)).status).toBe(200)

      const info = nexus(['--data-dir', dir, 'info', '--json'])
      expect(info.status).toBe(0)
      expect(JSON.parse(info.stdout).mode).toBe('headless')

      const set = nexus(['--data-dir', dir, 'call', 'settings.set', '--json', '{"theme":"dark"}'])
      expect(JSON.parse(set.stdout).theme).toBe('dark')

      const second = nexus(['--data-dir', dir, 'serve'])
      expect(second.status).toBe(1)
      expect(second.stderr).toMatch(/already running on .* \[DATA_DIR_LOCKED\]/)
    } finally {
      host.kill('SIGTERM')
    }
    const code = await new Promise((resolve) => host.once('exit', resolve))
    expect(code).toBe(0)
    expect(fs.existsSync(path.join(dir, 'nexus.lock'))).toBe(false)
    const after = nexus(['--data-dir', dir, 'call', 'settings.get'])
    expect(JSON.parse(after.stdout).theme).toBe('dark')
  })
})
