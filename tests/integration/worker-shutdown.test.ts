// The worker process stops cleanly on SIGTERM, within its deadline.
import { spawn } from 'node:child_process'
import os from 'node:os'
import { describe, expect, it } from 'vitest'

describe('workers process', () => {
  it(
    'starts at its configured niceness, and on SIGTERM finishes and exits 0 within the deadline',
    { timeout: 60_000 },
    async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], {
        env: { ...process.env, NODE_ENV: 'test', WORKER_SHUTDOWN_MS: '5000', WORKER_NICE: '7' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let out = ''
      child.stdout.on('data', (d) => (out += String(d)))
      child.stderr.on('data', (d) => (out += String(d)))
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      )
      const started = Date.now()
      while (!out.includes('Bina workers started')) {
        if (Date.now() - started > 40_000) throw new Error(`workers did not start:\n${out}`)
        await new Promise((r) => setTimeout(r, 100))
      }
      // Lower OS priority than the web server, as configured.
      expect(os.getPriority(child.pid!)).toBe(7)
      const stopAt = Date.now()
      child.kill('SIGTERM')
      const code = await exited
      expect(code).toBe(0)
      expect(Date.now() - stopAt).toBeLessThan(5_000 + 2_000)
      expect(out).toContain('SIGTERM: finishing active jobs')
    },
  )
})
