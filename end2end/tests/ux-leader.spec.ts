import { expect, test } from '@playwright/test';
import { logInAsDemoLeader } from './demo';

// A leader on the heatmap: the view (filters, sort, mode) lives in the address and
// survives Back; an account at risk says in one line why; Finnish decimals have a comma.
// Leena Leader uses Kaiku in Finnish.

test('the heatmap view survives a visit to an account and Back', async ({ page }) => {
  await logInAsDemoLeader(page);
  await page.goto('/heatmap');
  await expect(page.getByTestId('heatmap-row').first()).toBeVisible();

  await page.getByTestId('heatmap-filter-band').selectOption('high');
  await page.getByTestId('heatmap-sort-name').click();
  await page.getByTestId('heatmap-mode-time').click();
  await expect(page).toHaveURL(/[?&]band=high/);
  await expect(page).toHaveURL(/[?&]mode=time/);
  await expect(page).toHaveURL(/[?&]sort=name/);
  const count = await page.getByTestId('heatmap-count').innerText();
  const first = await page.getByTestId('heatmap-row').first().getAttribute('data-account');

  await page.goto(`/accounts/${first}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goBack();

  await expect(page).toHaveURL(/[?&]band=high/);
  await expect(page.getByTestId('heatmap-filter-band')).toHaveValue('high');
  await expect(page.getByTestId('heatmap-mode-time')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('heatmap-count')).toHaveText(count);
  await expect(page.getByTestId('heatmap-sort-name').locator('xpath=..')).not.toHaveAttribute('aria-sort', 'none');
});

test('an account at risk says why on its header, with Finnish decimals', async ({ page }) => {
  await logInAsDemoLeader(page);
  await page.goto('/heatmap?band=high');
  await expect(page.getByTestId('heatmap-filter-band')).toHaveValue('high');
  const account = await page.getByTestId('heatmap-row').first().getAttribute('data-account');
  await page.goto(`/accounts/${account}`);

  const reason = page.getByTestId('attention-reason');
  await expect(reason).toBeVisible();
  await expect(reason).toHaveText(/^Vaatii huomiota, (koska tiimi on huolissaan|syynä)\b.+\.$/);

  // The factor table writes decimals the Finnish way.
  const factors = page.getByTestId('health-factor');
  await expect(factors.first()).toBeVisible();
  for (const text of await factors.allInnerTexts()) {
    expect(text).not.toMatch(/\d\.\d/);
  }
  expect((await factors.allInnerTexts()).join(' ')).toMatch(/\d,\d/);
});
