import { describe, expect, it } from 'vitest';
import { PhotoBytes } from '../../server/protocol/photos';
import { PdfBytes } from '../../server/protocol/shift-report';

describe('raw bytes in the route table (a photo, a PDF)', () => {
  it('take the hub’s Buffer and the console’s Blob, and refuse anything else naming what was expected', () => {
    for (const schema of [PhotoBytes, PdfBytes]) {
      expect(schema.safeParse(Buffer.from([0xff, 0xd8])).success).toBe(true);
      expect(schema.safeParse(new Uint8Array([0x25, 0x50])).success).toBe(true);
      expect(schema.safeParse(new Blob(['%PDF'])).success).toBe(true);
      expect(schema.safeParse('%PDF').success).toBe(false);
      expect(schema.safeParse({ data: [1, 2] }).success).toBe(false);
    }
    expect(PhotoBytes.safeParse('x').error?.issues[0]?.message).toBe('expected the bytes of a photo');
    expect(PdfBytes.safeParse('x').error?.issues[0]?.message).toBe('expected the bytes of a PDF');
  });
});
