import { expect, test } from '@playwright/test';
import { demoPeople, logInAsDemo } from './demo';
import { createAccount } from './api';

// A leader opens one account and, before it has loaded, moves on to another. The first
// account's answer comes last: the page keeps showing the account now open, never the
// one left behind.

const stamp = Date.now();

test('switching accounts quickly never shows the one left behind', async ({ page }) => {
  await logInAsDemo(page, demoPeople.admin.email);
  const slow = await createAccount(page.request, { name: `Slow Answer ${stamp}` });
  const fast = await createAccount(page.request, { name: `Open Now ${stamp}` });
  const slowPath = `/api/v1/accounts/${slow.id}`;
  await page.route((url) => url.pathname === slowPath, async (route) => {
    await new Promise((done) => setTimeout(done, 2000));
    await route.continue();
  });

  const asked = page.waitForRequest((request) => new URL(request.url()).pathname === slowPath);
  const answered = page.waitForResponse((response) => new URL(response.url()).pathname === slowPath);
  await page.goto(`/accounts/${slow.id}`);
  await asked;
  // Moves on inside the app, as a link or the back button would.
  await page.evaluate((path) => {
    history.pushState(null, '', path);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, `/accounts/${fast.id}`);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(`Open Now ${stamp}`);

  await answered;
  // The slow answer has been read by now; what is shown stays the open account.
  await page.waitForTimeout(300);
  await expect(heading).toHaveText(`Open Now ${stamp}`);
  await expect(page).toHaveTitle(new RegExp(`Open Now ${stamp}`));
});
