// Niceness for a whole worker process. On Linux a niceness belongs to a thread, and
// `os.setPriority(0, n)` changes only the calling (main) thread: V8's compiler and garbage-collector
// threads and libuv's thread pool, started before any of our code runs, stayed at 0 and competed
// with the web server as equals (decision 108). This sets every thread the process has now; threads
// started later inherit the niceness of the thread that starts them, which is then `nice` too.
import { readdirSync } from 'node:fs'
import os from 'node:os'

/** Sets `nice` on every thread of this process; returns how many threads it set. */
export function niceWholeProcess(nice: number): number {
  let tids: number[]
  try {
    tids = readdirSync('/proc/self/task').map(Number)
  } catch {
    // No /proc (not Linux): a process-wide niceness is all the platform has.
    os.setPriority(0, nice)
    return 1
  }
  let set = 0
  for (const tid of tids) {
    try {
      os.setPriority(tid, nice)
      set++
    } catch (e) {
      // A thread that ended meanwhile is no longer ours to set.
      if ((e as { info?: { code?: string } }).info?.code !== 'ESRCH') throw e
    }
  }
  return set
}
