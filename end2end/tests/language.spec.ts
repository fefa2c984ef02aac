import { expect, test, type Page } from '@playwright/test';

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

test('the language switches on the login page and is remembered per user', async ({ browser }) => {
  const stamp = Date.now();
  const user = {
    organisation: `Kieli Oy ${stamp}`,
    name: 'Liisa Kieli',
    email: `lang.${stamp}@example.com`,
    password: 'a long enough password',
  };

  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();

  // --- Before logging in: the switch changes the page at once.
  await page.goto('/login');
  await expect(heading(page)).toHaveText('Log in');
  await page.getByTestId('lang-switch').selectOption('fi');
  await expect(heading(page)).toHaveText('Kirjaudu sisään');
  await expect(page.getByRole('button', { name: 'Kirjaudu sisään' })).toBeVisible();
  await expect(page.getByLabel('Salasana', { exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');

  // --- Back to English to sign up.
  await page.getByTestId('lang-switch').selectOption('en');
  await expect(heading(page)).toHaveText('Log in');
  await page.getByRole('link', { name: 'Create an organisation' }).click();
  await expect(heading(page)).toHaveText('Create your Kaiku account');
  await page.getByLabel('Organisation name').fill(user.organisation);
  await page.getByLabel('Your name').fill(user.name);
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(heading(page)).toHaveText(`Welcome, ${user.name}`);

  // --- Logged in: switching saves the language to the profile.
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH',
  );
  await page.getByTestId('lang-switch').selectOption('fi');
  expect((await saved).ok()).toBeTruthy();
  await expect(heading(page)).toHaveText(`Tervetuloa, ${user.name}`);
  await expect(page.getByRole('button', { name: 'Kirjaudu ulos' })).toBeVisible();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('nav-settings')).toHaveText('Asetukset');
  await expect(
    page.getByRole('navigation').getByRole('link', { name: 'Tiimin asetukset', exact: true }),
  ).toBeVisible();

  await page.reload();
  await expect(heading(page)).toHaveText(`Tervetuloa, ${user.name}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');

  // --- Another browser, in English: after login the user's own language wins.
  const other = await browser.newContext({ locale: 'en-GB' });
  const otherPage = await other.newPage();
  await otherPage.goto('/login');
  await expect(heading(otherPage)).toHaveText('Log in');
  await otherPage.getByLabel('Email', { exact: true }).fill(user.email);
  await otherPage.getByLabel('Password', { exact: true }).fill(user.password);
  await otherPage.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(heading(otherPage)).toHaveText(`Tervetuloa, ${user.name}`);

  await other.close();
  await context.close();
});
