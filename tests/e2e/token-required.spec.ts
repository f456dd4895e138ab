// Web mode refuses every data request without the token (and with a wrong one).
import { expect, test } from '@playwright/test';
import { artifact, E2E_TOKEN, serverOrigin } from './e2e-env.js';

test('refuses API requests without the right token', async ({ page, request }) => {
  const none = await request.post(`${serverOrigin()}/api/search`, {
    data: { input: { query: 'quyet dinh' } },
  });
  expect(none.status()).toBe(401);
  const body = (await none.json()) as { ok: boolean; error?: { code: string } };
  expect(body.ok).toBe(false);
  expect(body.error?.code).toBe('UNAUTHORIZED');

  const wrong = await request.post(`${serverOrigin()}/api/search`, {
    data: { input: { query: 'quyet dinh' } },
    headers: { authorization: 'Bearer not-the-token-0000000000' },
  });
  expect(wrong.status()).toBe(401);

  const right = await request.post(`${serverOrigin()}/api/appInfo`, {
    data: { input: {} },
    headers: { authorization: `Bearer ${E2E_TOKEN}` },
  });
  expect(right.status()).toBe(200);

  // The page opened without the token explains what to do instead of showing data.
  await page.goto(`${serverOrigin()}/`);
  await expect(page.getByText(/mã truy cập/i)).toBeVisible();
  await page.screenshot({ path: artifact('09-no-token') });
});
