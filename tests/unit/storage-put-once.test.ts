// LocalDiskStorage.putOnce: the first file stays, and a directory removed behind the process's
// back (it remembers the directories it made) is made again.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalDiskStorage } from '~/utils/storage.server'

describe('putOnce', () => {
  it('keeps the first file, and stores again after its directory was removed', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bina-store-'))
    const store = new LocalDiskStorage(root)
    const first = await store.putOnce('certificates/A.pdf', Buffer.from('first'))
    expect(first.created).toBe(true)
    const second = await store.putOnce('certificates/A.pdf', Buffer.from('second'))
    expect(second).toEqual({ created: false, sha256: first.sha256 })
    expect((await store.get('certificates/A.pdf'))?.toString()).toBe('first')
    fs.rmSync(path.join(root, 'certificates'), { recursive: true })
    expect((await store.putOnce('certificates/B.pdf', Buffer.from('b'))).created).toBe(true)
    expect((await store.get('certificates/B.pdf'))?.toString()).toBe('b')
    // No temporary files are left behind.
    expect(fs.readdirSync(path.join(root, 'certificates'))).toEqual(['B.pdf'])
  })
})
