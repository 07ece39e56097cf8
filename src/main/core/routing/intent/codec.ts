/** Compact encoding of the model weights: int16 quantisation with one scale, base64. */

export interface EncodedTensor {
  /** base64 of little-endian int16 values. */
  data: string
  /** value = int16 * scale */
  scale: number
  length: number
}

export function encodeTensor(values: Float32Array): EncodedTensor {
  let max = 0
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]!))
  const scale = max > 0 ? max / 32767 : 1
  const q = new Int16Array(values.length)
  for (let i = 0; i < values.length; i++) q[i] = Math.round(values[i]! / scale)
  const bytes = new Uint8Array(q.buffer, q.byteOffset, q.byteLength)
  return { data: Buffer.from(bytes).toString('base64'), scale, length: values.length }
}

export function decodeTensor(t: EncodedTensor): Float32Array {
  const buf = Buffer.from(t.data, 'base64')
  if (buf.byteLength !== t.length * 2) throw new Error(`weights: expected ${t.length * 2} bytes, got ${buf.byteLength}`)
  const out = new Float32Array(t.length)
  for (let i = 0; i < t.length; i++) out[i] = buf.readInt16LE(i * 2) * t.scale
  return out
}
