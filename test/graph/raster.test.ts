// The golden SVG pictures really render: rasterised with resvg (a registry package with a
// prebuilt binary, no browser), each must have enough non-white pixels spread over the canvas
// to be a drawing, not a blank or a single stray glyph.
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';

const golden = (name: string) => readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8');

describe('golden SVG rasterises to a non-blank picture', () => {
  it.each(['g2-primitive.svg', 'g2-standard.svg', 'g2-fused.svg'])('%s', (name) => {
    const png = new Resvg(golden(name), { background: 'white', fitTo: { mode: 'width', value: 800 } }).render();
    const { width, height, pixels } = png;
    expect(width).toBe(800);
    let ink = 0;
    const columns = new Set<number>();
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i]! < 200 || pixels[i + 1]! < 200 || pixels[i + 2]! < 200) {
        ink++;
        columns.add(Math.floor(((i / 4) % width) / 50));
      }
    }
    // at least 1 % of the pixels carry ink, spread over most of the width (nodes in columns)
    expect(ink / (width * height)).toBeGreaterThan(0.01);
    expect(columns.size).toBeGreaterThan(width / 50 / 2);
  });
});
