import { expect, test } from '@playwright/test';
import { signUp } from './signup';

// A person's own security: a common password is refused with its reason, and a
// session on another device can be seen and signed out from the profile, and the
// admin finds both in the security log.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const person = {
  organisation: `Security Agency ${stamp}`,
  name: 'Sanna Security',
  email: `security.${stamp}@example.com`,
  password: 'sininen vuori kahvi 7',
};

test('a common password is refused with its reason at the field', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto('/signup');
  await page.getByLabel('Organisation name').fill(person.organisation);
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill('password1234');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'too common or easy to guess' }).first()).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
  await context.close();
});

test('the profile lists sessions and signs out everywhere else', async ({ browser }) => {
  const laptop = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  await signUp(laptop, person);

  // The same person on a second device.
  const phoneContext = await browser.newContext({ locale: 'en-GB' });
  const phone = await phoneContext.newPage();
  await phone.goto('/login');
  await phone.getByLabel('Email', { exact: true }).fill(person.email);
  await phone.getByLabel('Password', { exact: true }).fill(person.password);
  await phone.getByRole('button', { name: 'Log in' }).click();
  await expect(phone).toHaveURL(/\/$/);

  await laptop.getByTestId('nav-settings').click();
  await laptop.getByRole('navigation').getByRole('link', { name: 'Profile' }).click();
  await expect(laptop.getByRole('heading', { name: 'Your sessions' })).toBeVisible();
  const rows = laptop.getByTestId('session-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'this device' })).toHaveCount(1);
  await expect(rows.first()).toContainText('Last active');

  await laptop.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('this device');
  await expect(laptop.getByRole('button', { name: 'Sign out everywhere else' })).toHaveCount(0);

  // The phone finds itself signed out at its next step.
  await phone.reload();
  await expect(phone).toHaveURL(/\/login/);
  await phoneContext.close();

  // The admin reads it in the security log, and can narrow it down.
  await laptop.getByTestId('nav-settings').click();
  await laptop.getByRole('navigation').getByRole('link', { name: 'Team settings', exact: true }).click();
  await laptop.getByRole('link', { name: 'Security log' }).click();
  await expect(laptop.getByRole('heading', { level: 1 })).toHaveText('Security log');
  const entries = laptop.getByTestId('audit-row');
  await expect(entries.first()).toContainText('Signed out everywhere else');
  await expect(entries.filter({ hasText: 'Logged in' })).toHaveCount(1);
  await expect(entries.filter({ hasText: 'Organisation created' })).toHaveCount(1);
  await laptop.getByLabel('Show').selectOption('logged_in');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText(person.email);
});
