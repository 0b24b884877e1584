// File storage behind an interface: local disk today, an object store later. Keys are relative
// paths ("certificates/AB12-....pdf"). `putOnce` never replaces a stored file, so a retried job
// that renders again keeps the first file (what was signed and hashed stays what is served).
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { type Readable } from 'node:stream'
import { env } from './env.server'

export interface FileStorage {
  /** Stores `data` under `key` unless a file is there already; returns the stored file's SHA-256. */
  putOnce(key: string, data: Buffer): Promise<{ created: boolean; sha256: string }>
  /** Replaces whatever is stored under `key` (for derived files such as exports). */
  put(key: string, data: Buffer | Readable): Promise<void>
  get(key: string): Promise<Buffer | null>
  stream(key: string): Promise<{ stream: Readable; size: number } | null>
  /** Removes the file under `key` (nothing when there is none). */
  delete(key: string): Promise<void>
}

export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private file(key: string) {
    const full = path.resolve(this.root, key)
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`Bad key ${key}`)
    return full
  }

  /** Directories made by this process: a burst of certificates makes (stats) theirs once. */
  private readonly madeDirs = new Set<string>()

  async putOnce(key: string, data: Buffer) {
    const file = this.file(key)
    const dir = path.dirname(file)
    const tmp = `${file}.${randomUUID()}.tmp`
    if (!this.madeDirs.has(dir)) {
      await fsp.mkdir(dir, { recursive: true })
      this.madeDirs.add(dir)
    }
    try {
      await fsp.writeFile(tmp, data)
    } catch (e) {
      // Removed since (a cleaned storage directory): make it again.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
      await fsp.mkdir(dir, { recursive: true })
      await fsp.writeFile(tmp, data)
    }
    let created = true
    try {
      // link() fails with EEXIST when the key is taken: an atomic create-once on one file system.
      await fsp.link(tmp, file)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      created = false
    } finally {
      await fsp.unlink(tmp).catch(() => {})
    }
    const stored = created ? data : await fsp.readFile(file)
    return { created, sha256: createHash('sha256').update(stored).digest('hex') }
  }

  async put(key: string, data: Buffer | Readable) {
    const file = this.file(key)
    await fsp.mkdir(path.dirname(file), { recursive: true })
    const tmp = `${file}.${randomUUID()}.tmp`
    try {
      if (Buffer.isBuffer(data)) await fsp.writeFile(tmp, data)
      else
        await new Promise<void>((resolve, reject) => {
          const out = fs.createWriteStream(tmp)
          data.on('error', (e) => {
            out.destroy()
            reject(e)
          })
          out.on('error', reject)
          out.on('finish', () => resolve())
          data.pipe(out)
        })
      await fsp.rename(tmp, file)
    } catch (e) {
      // A refused or broken stream (too large, aborted) leaves nothing behind.
      await fsp.rm(tmp, { force: true })
      throw e
    }
  }

  async delete(key: string) {
    await fsp.rm(this.file(key), { force: true })
  }

  async get(key: string) {
    try {
      return await fsp.readFile(this.file(key))
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw e
    }
  }

  async stream(key: string) {
    const file = this.file(key)
    try {
      const { size } = await fsp.stat(file)
      return { stream: fs.createReadStream(file), size }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw e
    }
  }
}

let storage: FileStorage | undefined
export function fileStorage(): FileStorage {
  return (storage ??= new LocalDiskStorage(path.resolve(env.FILE_STORAGE_DIR)))
}

let media: FileStorage | undefined
/**
 * Lesson media (studio images and videos) under MEDIA_DIR: server/app.ts sends these files itself
 * (Range, ETag) once a route has authorised them with X-Bina-Send-File.
 */
export function mediaStorage(): FileStorage {
  return (media ??= new LocalDiskStorage(path.resolve(env.MEDIA_DIR)))
}
