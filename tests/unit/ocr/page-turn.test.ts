// Quarter turns of a page image and of its word boxes (ocr-engine.ts): a box found on the turned
// image goes back onto the image as it was, where the pixels it covers came from.
import { describe, expect, it } from 'vitest';
import { reverseTurn, turnBox, uprightBox, type QuarterTurn } from '../../../main/contract/word-turn.js';
import { turnGrey } from '../../../main/core/ocr/ocr-engine.js';

/** A 40 × 30 white image with a dark block at x 5..11, y 20..23 (exclusive ends). */
function page(): { width: number; height: number; data: Uint8Array } {
  const width = 40;
  const height = 30;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 20; y < 24; y++) for (let x = 5; x < 12; x++) data[y * width + x] = 0;
  return { width, height, data };
}

/** The dark pixels' bounding box, in fractions of the image (pixel edges). */
function darkBox(img: { width: number; height: number; data: Uint8Array }): [number, number, number, number] {
  let [l, t, r, b] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++)
      if (img.data[y * img.width + x] === 0) {
        l = Math.min(l, x);
        t = Math.min(t, y);
        r = Math.max(r, x + 1);
        b = Math.max(b, y + 1);
      }
  return [l / img.width, t / img.height, r / img.width, b / img.height];
}

describe('page quarter turns', () => {
  it.each([0, 90, 180, 270] as const)('a box on the page turned %i° maps back onto the page', (turn) => {
    const img = page();
    const turned = turnGrey(img, turn as QuarterTurn);
    expect([turned.width, turned.height]).toEqual(turn % 180 === 0 ? [40, 30] : [30, 40]);
    // The box the pixels cover on the turned image is the page's box turned, and turning back restores it.
    turnBox(darkBox(img), turn).forEach((v, i) => expect(darkBox(turned)[i]).toBeCloseTo(v, 9));
    const back = turnBox(darkBox(turned), reverseTurn(turn));
    darkBox(img).forEach((v, i) => expect(back[i]).toBeCloseTo(v, 9));
    // A word whose text runs at `turn` on the stored page sits, upright, where it was drawn.
    uprightBox(darkBox(turned), turn).forEach((v, i) => expect(v).toBeCloseTo(darkBox(img)[i]!, 9));
  });

  it('turns clockwise: the top-left corner goes to the top-right at 90°, bottom-left at 270°', () => {
    const img = { width: 3, height: 2, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    expect([...turnGrey(img, 90).data]).toEqual([4, 1, 5, 2, 6, 3]);
    expect([...turnGrey(img, 180).data]).toEqual([6, 5, 4, 3, 2, 1]);
    expect([...turnGrey(img, 270).data]).toEqual([3, 6, 2, 5, 1, 4]);
  });
});
