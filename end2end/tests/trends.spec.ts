import { expect, test, type APIRequestContext } from '@playwright/test';
import { signUp } from './signup';
import { call, createAccount } from './api';
import { violations } from './axe';
import { demoPeople, logInAsDemo } from './demo';

// A complaint that one account made months ago and eight make now: the leader opens
// Trends from the menu and finds it rising at the top, with its size, the accounts and
// the words behind it; narrowing to counter-feedback, which says nothing of it, shows
// the empty state, kept in the URL.

const stamp = Date.now();
const admin = {
  organisation: `Trend Agency ${stamp}`,
  name: 'Aada Admin',
  email: `trends.admin.${stamp}@example.com`,
  password: 'admin password long enough',
};
const complaint = 'Reklamaatioihin ei vastata, ja raportit myöhästyvät joka viikko.';

async function said(request: APIRequestContext, account: string, daysAgo: number) {
  const received_at = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  await call(request, 'post', `/api/v1/accounts/${account}/messages`, {
    source: 'meeting_note',
    body: complaint,
    language: 'fi',
    received_at,
  });
}

test('a leader finds a rising complaint with the accounts and words behind it', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await signUp(page, admin);
  const accounts = [];
  for (let i = 0; i < 10; i++) {
    accounts.push(await createAccount(page.request, { name: `Trend ${i} ${stamp}`, start_date: '2025-01-01' }));
  }
  await said(page.request, accounts[0].id, 70);
  for (let i = 0; i < 8; i++) {
    await said(page.request, accounts[i].id, 2 + i);
  }

  await page.goto('/');
  await page.locator('nav a[href="/trends"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Topic trends');
  const rows = page.getByTestId('trend');
  const cause = rows.filter({ hasText: 'Poor complaint or error handling' });
  await expect(cause.getByTestId('trend-flag')).toContainText('Rising');
  await expect(rows.first().getByTestId('trend-flag')).toContainText('Rising');
  await expect(cause).toContainText('in the 12 before');
  await cause.getByText('Accounts and words behind it').click();
  await expect(cause.getByRole('link', { name: `Trend 0 ${stamp}` })).toBeVisible();
  await expect(cause.locator('blockquote').first()).toHaveText(complaint);
  expect(await violations(page)).toEqual([]);

  await page.getByLabel('Heard in').selectOption('counter_feedback');
  await expect(page).toHaveURL(/\/trends\?source=counter_feedback$/);
  await expect(page.getByText('No theme or churn cause was mentioned in these 26 weeks.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Heard in')).toHaveValue('counter_feedback');

  // No survey has gone out yet: the response rate says so.
  await expect(page.getByText('No survey links were sent in these twelve months.')).toBeVisible();
  await context.close();
});

// A complaint behind more accounts than a page can list: fifty are named, and the
// rest are counted.
test('a topic behind many accounts names fifty and says how many more', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await signUp(page, { ...admin, email: `trends.many.${stamp}@example.com`, organisation: `Many ${stamp}` });
  for (let i = 0; i < 53; i++) {
    const account = await createAccount(page.request, { name: `Many ${String(i).padStart(2, '0')}`, start_date: '2025-01-01' });
    await said(page.request, account.id, 1);
  }
  await page.goto('/trends');
  const cause = page.getByTestId('trend').filter({ hasText: 'Poor complaint or error handling' });
  await cause.getByText('Accounts and words behind it').click();
  await expect(cause.locator('a.tag')).toHaveCount(50);
  await expect(cause.getByRole('link', { name: 'Many 00' })).toBeVisible();
  await expect(cause.getByTestId('trend-more')).toHaveText('and 3 more');
  await context.close();
});

// The leaders' email about a fall links to /trends#response-rate: the demo's admin lands
// on the response rate, a year of months for all accounts and each segment, each cell
// telling what it counts.
test('the response rate opens from its link with a year of months per segment', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await logInAsDemo(page, demoPeople.admin.email);
  await page.goto('/trends#response-rate');
  const section = page.locator('#response-rate');
  await expect(section.getByRole('heading', { level: 2 })).toHaveText('Response rate');
  const table = section.getByTestId('response-rates');
  await expect(table).toBeInViewport();
  await expect(table.locator('thead th')).toHaveCount(13);
  const all = table.getByTestId('rate-group').first();
  await expect(all.locator('th')).toContainText('All accounts');
  await expect(all.locator('td').filter({ hasText: /\d+ %/ }).first()).toHaveAttribute('title', /\d+ of \d+ answered, \d+ still open/);
  expect(await table.getByTestId('rate-group').count()).toBeGreaterThan(1);
  await expect(section.getByTestId('response-rate-method')).toContainText("Fisher's exact test");
  expect(await violations(page)).toEqual([]);
  await context.close();
});
