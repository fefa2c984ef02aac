import { expect, test, type Page } from '@playwright/test';
import { join } from './api';
import { signUp } from './signup';
import { totp } from './totp';

// Two-factor sign-in as people meet it: an admin sets an authenticator app up from
// the profile, signs in with its code, and requires it of the other admins, who can
// then do nothing but set it up.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const anna = {
  organisation: `Two Factor Agency ${stamp}`,
  name: 'Anna Admin',
  email: `anna.2fa.${stamp}@example.com`,
  password: 'sininen vuori kahvi 7',
};
const bob = { name: 'Bob Admin', email: `bob.2fa.${stamp}@example.com`, password: 'punainen talo sade 9' };

/** Sets an authenticator up on the page in front (the QR code and key are shown);
 * returns the key, as a person would type it into their app. */
async function setUpAuthenticator(page: Page): Promise<string> {
  const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const key = (await page.getByTestId('two-factor-secret').textContent())!.trim();
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel('Code from the app').fill('000000');
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByText('The code is wrong or was already used.')).toBeVisible();
  await page.getByLabel('Code from the app').fill(totp(key));
  await page.getByRole('button', { name: 'Turn on' }).click();
  return key;
}

test('an admin sets it up, signs in with a code, and requires it of the other admins', async ({ browser }) => {
  const annaPage = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  await signUp(annaPage, anna);
  const bobContext = await browser.newContext({ locale: 'en-GB' });
  const bobPage = await bobContext.newPage();
  await bobPage.goto('/login');
  await join(annaPage.request, bobPage.request, bob, 'admin');

  // Anna sets it up on her profile.
  await annaPage.goto('/profile');
  const card = annaPage.getByTestId('two-factor');
  await expect(card.getByTestId('two-factor-status')).toHaveText('Off: your password alone signs you in.');
  await card.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  const key = await setUpAuthenticator(annaPage);
  await expect(card.getByText('Two-factor sign-in is on.')).toBeVisible();
  await expect(card.getByTestId('two-factor-status')).toContainText('On:');
  await expect(annaPage.getByTestId('two-factor-secret')).toHaveCount(0);

  // Signing in now takes the password and then the code.
  await annaPage.getByRole('button', { name: 'Log out' }).click();
  await annaPage.goto('/login');
  await annaPage.getByLabel('Email', { exact: true }).fill(anna.email);
  await annaPage.getByLabel('Password', { exact: true }).fill(anna.password);
  await annaPage.getByRole('button', { name: 'Log in' }).click();
  await expect(annaPage.getByText('Your account uses two-factor sign-in')).toBeVisible();
  await expect(annaPage).toHaveURL(/\/login/);
  // The code of the next step: the set-up's own code is spent.
  await annaPage.getByLabel('Code from the app').fill(totp(key, 1));
  await annaPage.getByRole('button', { name: 'Log in' }).click();
  await expect(annaPage).toHaveURL(/\/$/);

  // Anna requires it of admins, on the security log's page.
  await annaPage.goto('/settings/audit');
  const rule = annaPage.getByLabel('Admins must use two-factor sign-in');
  await expect(rule).not.toBeChecked();
  await rule.check();
  await expect(annaPage.getByText('Saved.')).toBeVisible();
  await expect(rule).toBeChecked();
  await expect(annaPage.getByTestId('audit-row').filter({ hasText: 'Two-factor sign-in turned on' })).toHaveCount(1);

  // Bob, already signed in, can do nothing but set it up; then Kaiku opens.
  await bobPage.goto('/accounts');
  await expect(bobPage.getByTestId('two-factor-required')).toBeVisible();
  await expect(bobPage.getByRole('heading', { level: 1 })).toHaveText('Set up two-factor sign-in to continue');
  await setUpAuthenticator(bobPage);
  await expect(bobPage.getByTestId('two-factor-required')).toHaveCount(0);
  await expect(bobPage).toHaveURL(/\/accounts$/);
  await expect(bobPage.getByRole('heading', { level: 1 })).toHaveText('Accounts');

  // While it is required, Anna's own stays on.
  await annaPage.goto('/profile');
  await expect(annaPage.getByText('Your organisation requires two-factor sign-in of admins, so it stays on.')).toBeVisible();
  await bobContext.close();
});
