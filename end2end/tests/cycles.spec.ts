import { expect, test } from '@playwright/test';
import { signUp } from './signup';
import { addContact, createAccount } from './api';

// An admin sets a feedback cycle on an account, sees the coming rounds on the account
// and in the organisation's calendar, and pauses the cycle.
const stamp = Date.now();
const admin = {
  organisation: `Cycle Agency ${stamp}`,
  name: 'Aino Admin',
  email: `cycles.admin.${stamp}@example.com`,
  password: 'admin password long enough',
};
const account = `Umbrella ${stamp}`;

test('an admin sets a cycle on an account, sees the coming rounds and pauses it', async ({ page }) => {
  await signUp(page, admin);
  const created = await createAccount(page.request, { name: account, segments: ['retail'], annual_value_eur: 150000, start_date: '2026-01-05' });
  await addContact(page.request, created.id, { name: 'Ulla Umbrella', email: `ulla.${stamp}@umbrella.example`, language: 'fi' });

  await page.goto(`/accounts/${created.id}`);
  const cycle = page.getByTestId('cycle-section');
  await expect(cycle.getByTestId('cycle-no-rule')).toBeVisible();
  await cycle.getByTestId('cycle-edit').click();
  await cycle.getByLabel('Periodic rounds').selectOption({ label: 'Every 3 months' });
  await cycle.getByLabel('Weekday').selectOption({ label: 'Tuesday' });
  await cycle.getByTestId('cycle-save').click();

  // The rule in words, and the next year's four rounds, all on Tuesdays.
  await expect(cycle.getByTestId('cycle-rule')).toContainText('Every 3 months');
  const rows = cycle.getByTestId('cycle-upcoming-row');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText('Periodic');

  // The organisation's calendar lists the account's round.
  await page.getByRole('link', { name: 'Cycles' }).click();
  await expect(page.getByTestId('cycles-row').filter({ hasText: account }).first()).toBeVisible();
  await page.getByTestId('cycles-row').filter({ hasText: account }).first().getByRole('link', { name: account }).click();

  // Pausing asks first; the badge shows, and it is still paused after a reload.
  page.once('dialog', (dialog) => dialog.accept());
  await cycle.getByTestId('cycle-pause').click();
  await expect(cycle.getByTestId('cycle-paused-badge')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('cycle-section').getByTestId('cycle-paused-badge')).toBeVisible();
  await expect(page.getByTestId('cycle-section').getByTestId('cycle-pause')).toHaveText('Resume');
  await page.goto('/cycles');
  await expect(page.getByTestId('cycles-row').filter({ hasText: account }).first().getByTestId('cycles-paused')).toBeVisible();
});
