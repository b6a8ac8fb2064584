/**
 * Draws the app icons (a white ring and dot on GOV.UK blue) as PNGs with no image tooling:
 * run `npx tsx scripts/make-icons.ts` after changing the design; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs'
import { crc32, deflateSync } from 'node:zlib'

const BLUE = [0x1d, 0x70, 0xb8] as const
const WHITE = [0xff, 0xff, 0xff] as const
const SUPERSAMPLES = 4

interface IconDesign {
  size: number
  /** Corner radius of the blue tile as a share of the size; 0 fills the square (maskable, apple). */
  cornerRadius: number
  /** Scale of the symbol; maskable icons keep it inside the central safe zone. */
  symbolScale: number
}

function coverage(design: IconDesign, x: number, y: number): { tile: boolean; symbol: boolean } {
  const { size, cornerRadius, symbolScale } = design
  const u = x / size
  const v = y / size
  const r = cornerRadius
  const cx = Math.min(Math.max(u, r), 1 - r)
  const cy = Math.min(Math.max(v, r), 1 - r)
  const tile = r === 0 || Math.hypot(u - cx, v - cy) <= r
  const distance = Math.hypot(u - 0.5, v - 0.5) / symbolScale
  const ring = distance >= 0.2 && distance <= 0.3
  const dot = distance <= 0.09
  return { tile, symbol: tile && (ring || dot) }
}

function render(design: IconDesign): Buffer {
  const { size } = design
  const rows: Buffer[] = []
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4) // leading 0: no PNG filter
    for (let x = 0; x < size; x++) {
      let tileHits = 0
      let symbolHits = 0
      for (let sy = 0; sy < SUPERSAMPLES; sy++) {
        for (let sx = 0; sx < SUPERSAMPLES; sx++) {
          const hit = coverage(design, x + (sx + 0.5) / SUPERSAMPLES, y + (sy + 0.5) / SUPERSAMPLES)
          tileHits += Number(hit.tile)
          symbolHits += Number(hit.symbol)
        }
      }
      const samples = SUPERSAMPLES * SUPERSAMPLES
      const white = tileHits === 0 ? 0 : symbolHits / tileHits
      const offset = 1 + x * 4
      for (let channel = 0; channel < 3; channel++) {
        row[offset + channel] = Math.round(BLUE[channel]! * (1 - white) + WHITE[channel]! * white)
      }
      row[offset + 3] = Math.round((tileHits / samples) * 255)
    }
    rows.push(row)
  }
  return png(size, Buffer.concat(rows))
}

function png(size: number, pixels: Buffer): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(typed))
    return Buffer.concat([length, typed, crc])
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const icons: Record<string, IconDesign> = {
  'icon-192.png': { size: 192, cornerRadius: 0.18, symbolScale: 1.2 },
  'icon-512.png': { size: 512, cornerRadius: 0.18, symbolScale: 1.2 },
  'maskable-512.png': { size: 512, cornerRadius: 0, symbolScale: 1 },
  'apple-touch-icon.png': { size: 180, cornerRadius: 0, symbolScale: 1.1 },
}
for (const [name, design] of Object.entries(icons)) {
  writeFileSync(new URL(`../public/icons/${name}`, import.meta.url), render(design))
}
