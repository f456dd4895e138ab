// Steps the OCR specs share: a scan imported through the UI with automatic OCR off, then read by
// hand from the archive screen's OCR card, so the result line the spec waits for is its own run's.
import { expect, type Page } from '@playwright/test';

/** Turns automatic OCR off (a controlled box: its state follows the saved setting). */
export async function autoOcrOff(page: Page): Promise<void> {
  await page.getByTestId('nav-archive').click();
  const auto = page.getByTestId('ocr-card').getByTestId('ocr-auto-toggle');
  await expect(auto).toBeEnabled();
  if (await auto.isChecked()) await auto.click();
  await expect(auto).not.toBeChecked();
}

/** Imports one file through the import screen's file picker and waits for it to be filed. */
export async function importThroughUi(page: Page, file: string): Promise<void> {
  await page.getByTestId('nav-import').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick-files').click();
  await (await chooser).setFiles([file]);
  await expect(page.getByTestId('outcome-imported')).toHaveCount(1, { timeout: 60_000 });
}

/**
 * Starts OCR from the archive screen on the `pages` pending pages of one document and waits for
 * all to be read; `watchProgress` also sees the progress line while it runs.
 */
export async function ocrByHand(page: Page, pages: number, watchProgress = false): Promise<void> {
  await page.getByTestId('nav-archive').click();
  const card = page.getByTestId('ocr-card');
  await expect(card.getByTestId('ocr-pending')).toContainText(`${pages} trang của 1 văn bản`);
  await card.getByTestId('ocr-start').click();
  if (watchProgress) await expect(card.getByTestId('ocr-progress')).toContainText('Đang nhận dạng');
  await expect(card.getByTestId('ocr-result')).toContainText(`Đã đọc ${pages} trang (0 lỗi)`, {
    timeout: 120_000,
  });
}

/** Searches from the search screen and opens the first hit. */
export async function openFirstHit(page: Page, query: string): Promise<void> {
  await page.getByTestId('nav-search').click();
  const box = page.getByTestId('search-input');
  await box.fill(query);
  await box.press('Enter');
  await page.getByTestId('search-result').first().click();
}
