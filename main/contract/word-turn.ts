// Quarter turns of OCR word boxes (boxes are [left, top, right, bottom] in fractions of the page).
// A page scanned sideways or upside down is read turned upright (main/core/ocr), and its words keep
// their boxes on the page as stored, with the angle their text runs at; the scan layer and the
// searchable-PDF copy turn the text to match, and order words as read upright.

/** A clockwise quarter turn, in degrees. */
export type QuarterTurn = 0 | 90 | 180 | 270;

/** The box a region of an image covers once the image is turned clockwise by `turn`. */
export function turnBox(
  box: readonly [number, number, number, number],
  turn: QuarterTurn,
): [number, number, number, number] {
  const [l, t, r, b] = box;
  switch (turn) {
    case 0:
      return [l, t, r, b];
    case 90:
      return [1 - b, l, 1 - t, r];
    case 180:
      return [1 - r, 1 - b, 1 - l, 1 - t];
    case 270:
      return [t, 1 - r, b, 1 - l];
  }
}

/** The turn that undoes `turn`. */
export function reverseTurn(turn: QuarterTurn): QuarterTurn {
  return ((360 - turn) % 360) as QuarterTurn;
}

/**
 * A word's box on its page turned upright: where a reader of the upright page sees it (to order
 * words and break lines). `angle` is the clockwise angle its text runs at on the stored page.
 */
export function uprightBox(
  box: readonly [number, number, number, number],
  angle: QuarterTurn | undefined,
): [number, number, number, number] {
  return turnBox(box, reverseTurn(angle ?? 0));
}
