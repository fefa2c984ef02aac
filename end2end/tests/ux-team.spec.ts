import { expect, test, type Page } from '@playwright/test';
import { phone } from './customer';
import { demoPeople, logInAsDemo } from './demo';

// A team member on a 360 px phone: one menu button instead of a wall of links, a
// home that lists what waits for them, no sideways scrolling, and a counter-feedback
// form that asks rather than assumes.

async function noSidewaysScroll(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .filter((el) => !el.closest('[data-scrolls]'))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { scroll: document.documentElement.scrollWidth, width, wide };
  });
  expect(overflow.scroll, `${path} is wider than the phone: ${overflow.wide.join(', ')}`).toBeLessThanOrEqual(
    overflow.width,
  );
}

test('a member finds the menu behind one button and their own work on the home page', async ({ browser }) => {
  // Matti uses Kaiku in Finnish (his profile); the login page follows the browser.
  const context = await browser.newContext({ ...phone, locale: 'en-GB' });
  const page = await context.newPage();
  await logInAsDemo(page, demoPeople.memberFi.email);

  // The top bar is one row: the name and a menu button.
  const toggle = page.getByRole('button', { name: 'Valikko' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Asiakkuudet' })).toBeHidden();
  const bar = (await page.locator('header.topbar').boundingBox())!;
  expect(bar.height).toBeLessThan(80);
  const button = (await toggle.boundingBox())!;
  expect(button.height).toBeGreaterThanOrEqual(44);

  // The menu: the member's own pages, and no settings they could only read.
  await toggle.click();
  await expect(page.getByRole('button', { name: 'Sulje valikko' })).toHaveAttribute('aria-expanded', 'true');
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Asiakkuudet' })).toBeVisible();
  await expect(nav.locator('a[href^="/settings"]')).toHaveCount(0);
  expect(await nav.getByRole('link').count()).toBeLessThanOrEqual(8);
  await nav.getByRole('link', { name: 'Asiakkuudet' }).click();
  await expect(page).toHaveURL(/\/accounts$/);
  await expect(page.getByRole('button', { name: 'Valikko' })).toHaveAttribute('aria-expanded', 'false');

  // Home: what waits for Matti, and no word about setting up the organisation.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tervetuloa, Matti Member');
  for (const [id, title] of [
    ['home-requests', 'Minulta odotettu vastapalaute'],
    ['home-actions', 'Myöhässä olevat toimenpiteeni'],
    ['home-at-risk', 'Riskissä olevat asiakkuuteni'],
    ['home-cases', 'Avoimet tapaukseni'],
  ]) {
    const section = page.getByTestId(id);
    await expect(section.getByRole('heading', { level: 2 })).toHaveText(title);
    await expect(section.locator('li, p.muted').first()).toBeVisible();
  }
  await expect(page.getByText('perustetaan organisaatio')).toHaveCount(0);
  // Open requests carry their due dates.
  const requests = page.getByTestId('home-requests').locator('li');
  for (let i = 0; i < (await requests.count()); i++) {
    await expect(requests.nth(i)).toContainText(/määräpäivä|myöhässä/);
  }
  await context.close();
});

test('no page makes a member scroll sideways on a phone', async ({ browser }) => {
  const context = await browser.newContext({ ...phone, locale: 'en-GB' });
  const page = await context.newPage();
  await logInAsDemo(page, demoPeople.memberEn.email);
  await page.goto('/accounts');
  const account = (await page.locator('main a[href^="/accounts/"]').first().getAttribute('href'))!;
  for (const path of ['/', '/accounts', account, `${account}/counter-feedback`, '/requests', '/cases', '/cycles', '/overdue', '/profile']) {
    await noSidewaysScroll(page, path);
  }
  await context.close();
});

test('the counter-feedback form asks for the risk and says what each health point means', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await logInAsDemo(page, demoPeople.memberEn.email);
  await page.goto('/accounts');
  const account = (await page.locator('main a[href^="/accounts/"]').first().getAttribute('href'))!;
  await page.goto(`${account}/counter-feedback`);
  const risk = page.getByRole('group', { name: 'Churn risk in what the customer raises' });
  await expect(risk.getByRole('radio')).toHaveCount(4);
  for (const radio of await risk.getByRole('radio').all()) {
    await expect(radio).not.toBeChecked();
  }
  const health = page.getByRole('group', { name: 'Relationship health overall' });
  await expect(health.getByRole('radio', { name: '1 In trouble' })).toBeVisible();
  await expect(health.getByRole('radio', { name: '5 Excellent' })).toBeVisible();

  await health.getByRole('radio', { name: '3 OK' }).check();
  await page.getByRole('button', { name: 'Send counter-feedback' }).click();
  await expect(page.getByText('Choose the churn risk — “None” too is a choice.')).toBeVisible();
  await risk.getByRole('radio', { name: 'None' }).check();
  await expect(risk.getByRole('radio', { name: 'None' })).toBeChecked();
  await context.close();
});
