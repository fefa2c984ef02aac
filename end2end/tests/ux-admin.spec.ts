import { expect, test } from '@playwright/test';
import { demoPeople, logInAsDemo } from './demo';

// An admin's settings: a role changes only when confirmed, the outbox shows the newest
// message first and finds one by its recipient, and the time zone comes from a list.

test('a role changes only after the admin confirms it', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await logInAsDemo(page, demoPeople.admin.email);
  await page.goto('/settings/team');
  const mia = page.getByTestId('user-row').filter({ hasText: demoPeople.memberEn.email });
  const select = mia.getByLabel('Role of Mia Member');
  let updates = 0;
  page.on('request', (r) => {
    if (r.method() === 'PATCH' && r.url().includes('/api/v1/users/')) updates++;
  });

  // Walking through the options with the keyboard changes nothing on the server.
  await select.focus();
  await page.keyboard.press('ArrowUp');
  await select.selectOption('leader');
  await expect(mia.getByRole('button', { name: 'Change role' })).toBeVisible();
  expect(updates).toBe(0);

  // Declining the confirmation keeps the role; accepting changes it.
  page.once('dialog', (dialog) => dialog.dismiss());
  await mia.getByRole('button', { name: 'Change role' }).click();
  expect(updates).toBe(0);
  await mia.getByRole('button', { name: 'Cancel' }).click();
  await expect(select).toHaveValue('member');
  await expect(mia.getByRole('button', { name: 'Change role' })).toBeHidden();

  await select.selectOption('leader');
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain("Change Mia Member's role to Leader?");
    dialog.accept();
  });
  await mia.getByRole('button', { name: 'Change role' }).click();
  await expect(page.getByText('Mia Member is now Leader.')).toBeVisible();

  // Back as it was, for the demo's other tests.
  await select.selectOption('member');
  page.once('dialog', (dialog) => dialog.accept());
  await mia.getByRole('button', { name: 'Change role' }).click();
  await expect(page.getByText('Mia Member is now Team member.')).toBeVisible();
  await context.close();
});

test('the outbox shows the newest message first and finds messages by a word', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await logInAsDemo(page, demoPeople.admin.email);
  await page.goto('/settings/team');
  const invitee = `outbox.${Date.now()}@example.com`;
  await page.getByLabel('Email', { exact: true }).fill(invitee);
  await page.getByRole('button', { name: 'Create invitation' }).click();
  await page.reload();

  const rows = page.getByTestId('outbox-row');
  await expect(rows.first()).toContainText(invitee);
  await expect(rows.nth(1)).toBeVisible();
  await expect(rows.first().getByText('Show the message')).toBeVisible();

  const search = page.getByLabel('Search the outbox');
  await search.fill(invitee.toUpperCase());
  await expect(rows).toHaveCount(1);
  await search.fill('no-such-words-anywhere');
  await expect(rows).toHaveCount(0);
  await expect(page.getByText('No message matches the search.')).toBeVisible();
  await context.close();
});

test('the time zone is chosen from a list', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await logInAsDemo(page, demoPeople.admin.email);
  await page.goto('/settings/schedule');
  const zone = page.getByLabel('Time zone');
  await expect(zone).toHaveJSProperty('tagName', 'SELECT');
  await expect(zone).toHaveValue('Europe/Helsinki');
  expect(await zone.locator('option').count()).toBeGreaterThan(100);
  await expect(zone.locator('option[value="Europe/Stockholm"]')).toHaveCount(1);
  await context.close();
});

test('health weights show each factor’s share of the score as they are typed', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await logInAsDemo(page, demoPeople.admin.email);
  await page.goto('/settings/health');
  const fields = page.getByTestId('weight-field');
  await expect(fields.first().getByTestId('weight-share')).toHaveText(/^\(\d+ % of the score\)$/);
  // The preview under the weights in force: the ten least healthy, none moved.
  const preview = page.getByTestId('weights-preview');
  const previewRows = preview.getByTestId('weights-preview-row');
  await expect(previewRows).toHaveCount(10);
  await expect(preview.getByTestId('weights-preview-bands')).toHaveText(/^0 of \d+ accounts would change risk band\.$/);
  await expect(previewRows.filter({ hasText: '(unchanged)' })).toHaveCount(10);
  // Only NPS and the customer-vs-team gap left, 1 to 3: a quarter and three quarters.
  for (const each of await fields.all()) {
    await each.getByRole('spinbutton').fill('0');
  }
  // A factor's field, by the start of its label (the share follows the name).
  const field = (name: string) => fields.filter({ has: page.getByLabel(new RegExp(`^${name} \\(`)) });
  await field('NPS').getByRole('spinbutton').fill('1');
  await field('Customer vs team').getByRole('spinbutton').fill('3');
  await expect(field('NPS').getByTestId('weight-share')).toHaveText('(25 % of the score)');
  await expect(field('Customer vs team').getByTestId('weight-share')).toHaveText('(75 % of the score)');
  await expect(field('Trend').getByTestId('weight-share')).toHaveText('(0 % of the score)');
  // The preview follows what was typed: accounts move and bands change.
  await expect(preview.getByTestId('weights-preview-bands')).not.toHaveText(/^0 of/);
  await expect(previewRows.filter({ hasText: /from \d+/ }).first()).toBeVisible();
  // All zero cannot be set: no preview, and why.
  await field('NPS').getByRole('spinbutton').fill('0');
  await field('Customer vs team').getByRole('spinbutton').fill('0');
  await expect(preview).toContainText('The preview appears when every weight is between 0 and 10');
  // Nothing was saved: after a reload the weights in force are as they were.
  await page.reload();
  await expect(previewRows.filter({ hasText: '(unchanged)' })).toHaveCount(10);
  await context.close();
});
