import { expect, test } from '@playwright/test';
import { logInAsDemoLeader } from './demo';

// A leader on the heatmap: the view (filters, sort, mode) lives in the address and
// survives Back; an account at risk says in one line why, on its header and at the top
// of the heatmap's evidence; Finnish decimals have a comma; the accounts list shows
// health and risk, and an account's tab its name. Leena Leader uses Kaiku in Finnish.

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

test('the accounts list shows each account’s health and risk, and an account’s tab carries its name', async ({ page }) => {
  await logInAsDemoLeader(page);
  const heatmap = await (await page.request.get('/api/v1/heatmap')).json();
  await page.goto('/accounts');
  await expect(page).toHaveTitle('Asiakkuudet · Kaiku');
  const rows = page.getByTestId('account-row');
  await expect(rows.getByTestId('health-score').first()).toBeVisible();
  // Every account the heatmap scores shows its score and band, the heatmap's own.
  const scored = heatmap.rows.filter((r: { current: { health: number | null } }) => r.current.health !== null);
  expect(scored.length).toBeGreaterThan(20);
  await expect(rows.getByTestId('health-score')).toHaveCount(scored.length);
  const bands: Record<string, string> = { low: 'matala', medium: 'keskitaso', high: 'korkea', critical: 'kriittinen' };
  for (const row of scored.slice(0, 5)) {
    const shown = rows.filter({ has: page.locator(`a[href="/accounts/${row.account}"]`) });
    await expect(shown.getByTestId('health-score')).toHaveText(/^Terveys \d{1,3}\/100$/);
    const health = Number((await shown.getByTestId('health-score').innerText()).replace(/^Terveys (\d+)\/100$/, '$1'));
    expect(Math.abs(health - row.current.health)).toBeLessThanOrEqual(0.5);
    await expect(shown.getByTestId('risk-band')).toHaveText(`Poistumariski: ${bands[row.current.band]}`);
  }

  // The account's page: its name in the browser tab.
  const first = rows.first().locator('a.row-title');
  const name = (await first.innerText()).trim();
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page).toHaveTitle(`${name} · Kaiku`);
});

test('the heatmap’s evidence opens with why the account needs attention', async ({ page }) => {
  await logInAsDemoLeader(page);
  await page.goto('/heatmap?band=high');
  await expect(page.getByTestId('heatmap-filter-band')).toHaveValue('high');
  const row = page.getByTestId('heatmap-row').first();
  const account = await row.getAttribute('data-account');
  await row.getByTestId('heatmap-cell').first().hover();
  const evidence = page.getByTestId('heatmap-evidence');
  const reason = evidence.getByTestId('attention-reason');
  await expect(reason).toHaveText(/^Vaatii huomiota, (koska tiimi on huolissaan|syynä)\b.+\.$/);
  // The reason comes first, right under the account's name, before the scores.
  const order = await evidence.evaluate((panel) => {
    const said = panel.querySelector('[data-testid="attention-reason"]')!;
    const scores = panel.querySelector('.hm-scores')!;
    return said.compareDocumentPosition(scores) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  expect(order).toBeTruthy();
  // The same line as on the account's header.
  const said = await reason.innerText();
  await page.goto(`/accounts/${account}`);
  await expect(page.getByTestId('attention-reason')).toHaveText(said);
});
