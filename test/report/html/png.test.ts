import { describe, expect, it } from 'vitest';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32, encodePng, pngDataUri } from '../../../src/report/html/png.js';
import { decodeRgbPng } from './png-decode.js';

describe('encodePng', () => {
  it('round-trips every pixel of a 3×2 RGB image through an independent decoder', () => {
    const rgb = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    const png = decodeRgbPng(encodePng(3, 2, rgb));
    expect([png.width, png.height]).toEqual([3, 2]);
    expect([...png.rgb]).toEqual([...rgb]);
  });

  it('computes the CRC-32 of PNG chunks as zlib does, including the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) & 255);
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
  });

  it('refuses pixel data that does not match the size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(11))).toThrow(/needs 12 bytes, got 11/);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(/positive integers/);
  });

  it('wraps a PNG as a base64 data URI', () => {
    expect(pngDataUri(Uint8Array.of(1, 2, 3))).toBe('data:image/png;base64,AQID');
  });
});
