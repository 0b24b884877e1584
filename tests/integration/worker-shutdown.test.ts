// The worker process stops cleanly on SIGTERM, within its deadline.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
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
      // Lower OS priority than the web server, as configured: every thread of it, not only the
      // main one (V8's compiler and GC threads and libuv's pool compete for the CPU too).
      expect(os.getPriority(child.pid!)).toBe(7)
      const threads = readdirSync(`/proc/${child.pid}/task`).map((tid) => {
        const stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8')
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        return {
          tid,
          name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
          nice: Number(fields[16]),
        }
      })
      expect(threads.length).toBeGreaterThan(1)
      expect(threads.filter((t) => t.nice !== 7)).toEqual([])
      const stopAt = Date.now()
      child.kill('SIGTERM')
      const code = await exited
      expect(code).toBe(0)
      expect(Date.now() - stopAt).toBeLessThan(5_000 + 2_000)
      expect(out).toContain('SIGTERM: finishing active jobs')
    },
  )
})
