// What the course studio accepts as uploads: kinds judged from the file's bytes (magic numbers,
// never its name or the browser's claim) and the largest size of each.

export const MB = 1024 * 1024
export const IMAGE_MAX_BYTES = 5 * MB
export const VIDEO_MAX_BYTES = 200 * MB
/** file-type's extensions of the images a lesson may show. */
export const IMAGE_TYPES = ['png', 'jpg', 'webp', 'gif'] as const
/** Local videos are served as they are: MP4 (H.264/AAC) plays in every browser. */
export const VIDEO_TYPES = ['mp4', 'm4v'] as const
/** A multipart body carries a little more than the file itself (boundaries, other fields). */
export const UPLOAD_OVERHEAD_BYTES = 64 * 1024

export function megabytes(bytes: number) {
  return Math.round((bytes / MB) * 10) / 10
}

/** Largest question-bank file (Moodle XML or GIFT) the import reads. */
export const BANK_IMPORT_MAX_BYTES = 8 * MB
