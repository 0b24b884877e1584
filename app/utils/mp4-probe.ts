// Reads an MP4's duration while its bytes stream past (no ffprobe on the server): walks the
// top-level boxes, skips media data, keeps only the `moov` box and reads `mvhd` (timescale and
// duration, ISO/IEC 14496-12 §8.2.2). Works whether `moov` comes before or after `mdat`.

const MAX_MOOV = 64 * 1024 * 1024

export class Mp4DurationProbe {
  private header = Buffer.alloc(0)
  private skip = 0
  private moov: Buffer[] | null = null
  private moovLeft = 0
  private done = false
  duration: number | null = null

  push(chunk: Uint8Array) {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    while (buf.length && !this.done) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, buf.length)
        this.skip -= n
        buf = buf.subarray(n)
        continue
      }
      if (this.moov) {
        const n = Math.min(this.moovLeft, buf.length)
        this.moov.push(Buffer.from(buf.subarray(0, n)))
        this.moovLeft -= n
        buf = buf.subarray(n)
        if (this.moovLeft === 0) {
          this.duration = readMvhd(Buffer.concat(this.moov))
          this.done = true
        }
        continue
      }
      // Gather a box header: 8 bytes, 16 with a 64-bit size.
      const need = this.header.length >= 8 && this.header.readUInt32BE(0) === 1 ? 16 : 8
      const n = Math.min(need - this.header.length, buf.length)
      this.header = Buffer.concat([this.header, buf.subarray(0, n)])
      buf = buf.subarray(n)
      if (this.header.length < need) continue
      if (need === 8 && this.header.readUInt32BE(0) === 1) continue
      const size32 = this.header.readUInt32BE(0)
      const type = this.header.toString('latin1', 4, 8)
      const size = size32 === 1 ? Number(this.header.readBigUInt64BE(8)) : size32
      const headerLen = this.header.length
      this.header = Buffer.alloc(0)
      if (size32 === 0 || size < headerLen) {
        // "Extends to the end of the file" (or broken): nothing after it can be a moov box.
        this.done = true
        continue
      }
      if (type === 'moov' && size - headerLen <= MAX_MOOV) {
        this.moov = []
        this.moovLeft = size - headerLen
        if (this.moovLeft === 0) this.done = true
      } else this.skip = size - headerLen
    }
  }
}

function readMvhd(moov: Buffer): number | null {
  let at = 0
  while (at + 8 <= moov.length) {
    const size = moov.readUInt32BE(at)
    const type = moov.toString('latin1', at + 4, at + 8)
    if (size < 8) return null
    if (type === 'mvhd') {
      const body = moov.subarray(at + 8, at + size)
      const version = body[0]
      if (version === 1 && body.length >= 32) {
        const timescale = body.readUInt32BE(20)
        const duration = Number(body.readBigUInt64BE(24))
        return timescale ? duration / timescale : null
      }
      if (body.length >= 20) {
        const timescale = body.readUInt32BE(12)
        const duration = body.readUInt32BE(16)
        return timescale ? duration / timescale : null
      }
      return null
    }
    at += size
  }
  return null
}
