import { expect, test } from '@playwright/test';
import { signUp } from './signup';

test('accounts and contacts are imported from CSV after a preview that lists bad rows', async ({ browser }) => {
  const stamp = Date.now();
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await signUp(page, {
    organisation: `Import Agency ${stamp}`,
    name: 'Ilkka Import',
    email: `import.${stamp}@example.com`,
    password: 'admin password long enough',
  });
  await page.goto('/accounts');
  await page.getByText('Import accounts and contacts from CSV').click();
  await page.getByLabel('…or paste the CSV here').fill(
    [
      'account,stage,annual_value_eur,contact_name,contact_email,contact_language',
      'Globex Oy,onboarding,120000,Maija Virtanen,maija@globex.fi,fi',
      'Initech,closed,5000,Pekka,pekka@initech.fi,fi',
      'Globex Oy,,,John Smith,john@globex.com,en',
    ].join('\n'),
  );
  await page.getByRole('button', { name: 'Preview' }).click();
  const rows = page.getByTestId('import-rows').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Stage must be sales, onboarding, delivery, support or renewal.');
  await expect(page.getByText('Nothing is saved yet.')).toBeVisible();
  await expect(page.getByText('No accounts yet')).toBeVisible();

  await page.getByRole('button', { name: 'Import the good rows' }).click();
  await expect(page.getByText('Imported 1 new accounts and 2 new contacts; 1 rows were refused.')).toBeVisible();
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  await page.getByRole('link', { name: 'Globex Oy' }).click();
  await expect(page.getByTestId('contact-row')).toHaveCount(2);
  // An account still being onboarded is asked about expectations first.
  await expect(page.getByLabel('Survey', { exact: true })).toHaveValue('expectations');
});
