import type { ContentPart } from '../../../shared/schemas/chat'

export type ImagePart = Extract<ContentPart, { type: 'image' }>
type MediaType = ImagePart['mediaType']

export const IMAGE_ACCEPT = 'image/png,image/jpeg,image/gif,image/webp'
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024

/** The format an image's first bytes announce; the file name and its declared type can lie. */
function sniff(bytes: Uint8Array): MediaType | null {
  const at = (i: number): number => bytes[i] ?? -1
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'image/png'
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg'
  if (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x38) return 'image/gif'
  const riff = at(0) === 0x52 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x46
  if (riff && at(8) === 0x57 && at(9) === 0x45 && at(10) === 0x42 && at(11) === 0x50) return 'image/webp'
  return null
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  const CHUNK = 0x8000
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  }
  return btoa(binary)
}

/** Reads a file as an image part, or throws an Error whose message says why it cannot be sent. */
export async function readImage(file: File): Promise<ImagePart> {
  const name = file.name || 'The pasted file'
  if (file.size > MAX_IMAGE_BYTES) {
    throw new Error(`${name} is larger than 10 MB; attach a smaller image.`)
  }
  const bytes = new Uint8Array(await file.arrayBuffer())
  const mediaType = sniff(bytes)
  if (!mediaType) {
    const declared = file.type ? ` (${file.type})` : ''
    throw new Error(`${name}${declared} is not a PNG, JPEG, GIF or WebP image; only those can be attached.`)
  }
  return { type: 'image', mediaType, data: toBase64(bytes) }
}

export function imageSrc(part: ImagePart): string {
  return `data:${part.mediaType};base64,${part.data}`
}
