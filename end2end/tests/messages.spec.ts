import { expect, test, type Page } from '@playwright/test';
import { demoLeader, logInAsDemoLeader } from './demo';
import { addContact, createAccount } from './api';

// An admin of the demo organisation creates an API key on the settings page and sees
// its secret once; another system posts a customer email with it (a bearer call: no
// cookies, no CSRF token); the account's lead, Leena Leader, finds the message in the
// account's timeline with its analysis, and the count beside "Messages" in the nav.
// Leena uses Kaiku in Finnish, so her part goes by test ids.
const demoAdmin = { email: 'admin@demo.kaiku.test', password: demoLeader.password };
const account = `Message Oy ${Date.now()}`;
const body = 'Reklamaatioihin ei vastata, ja raportit myöhästyvät joka viikko.';

async function logIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/$/);
}

test('an admin creates a key; a message posted with it appears on the account for the lead', async ({
  browser,
  page,
  playwright,
}) => {
  await logIn(page, demoAdmin);
  const users = await (await page.request.get('/api/v1/users')).json();
  const leena = users.find((u: { email: string }) => u.email === demoLeader.email);
  const created = await createAccount(page.request, { name: account, segments: [], annual_value_eur: 50000, lead_id: leena.id, start_date: '2025-01-01' });
  const domain = `message-${Date.now()}.fi`;
  await addContact(page.request, created.id, { name: 'Maija Asiakas', email: `maija@${domain}`, language: 'fi' });

  // The key, created on the settings page; its secret shown once.
  await page.getByTestId('nav-settings').click();
  await page.locator('nav a[href="/settings/api-keys"]').click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  const form = page.getByTestId('new-key');
  await form.getByLabel('Name').fill('Helpdesk');
  await form.getByRole('button', { name: 'Create key' }).click();
  const secret = (await page.getByTestId('api-key-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^kaiku_/);
  await expect(page.getByTestId('api-keys')).toContainText('Helpdesk');

  // Another system: no cookies, only the key.
  const helpdesk = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  const posted = await helpdesk.post('/api/v1/integrations/messages', {
    headers: { Authorization: `Bearer ${secret}` },
    data: {
      source: 'email',
      sender_name: 'Maija Asiakas',
      sender_email: `maija@${domain}`,
      subject: 'Raportit',
      body,
      external_id: `<${Date.now()}@${domain}>`,
    },
  });
  expect(posted.status(), await posted.text()).toBe(201);
  const without = await helpdesk.post('/api/v1/integrations/messages', { data: { source: 'chat', body: 'x' } });
  expect(without.status()).toBe(401);
  await helpdesk.dispose();

  // The lead sees it on the account and counted in the navigation.
  const lead = await browser.newContext();
  const leadPage = await lead.newPage();
  await logInAsDemoLeader(leadPage);
  await expect(leadPage.getByTestId('message-count')).toBeVisible();
  await leadPage.goto(`/accounts/${created.id}`);
  const card = leadPage.getByTestId('message-card');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(body);
  await expect(card).toContainText('Maija Asiakas');
  await expect(card.getByTestId('message-urgent')).toBeVisible();
  await expect(card.getByTestId('analysis')).toBeVisible();
  await lead.close();
});

test('a meeting note written offline on the train reaches the account once', async ({ page }) => {
  await logIn(page, demoAdmin);
  const created = await createAccount(page.request, { name: `Train Oy ${Date.now()}`, segments: [], start_date: '2025-01-01' });
  const note = `The customer asked for the weekly report back, ${Date.now()}.`;
  await page.goto(`/accounts/${created.id}`);
  const form = page.getByTestId('message-form');
  await expect(form).toBeVisible();
  // The app shell is in the service worker's cache before the train leaves.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await page.context().setOffline(true);
  await form.getByLabel('What the customer said').fill(note);
  await form.getByRole('button', { name: 'Save the message' }).click();
  await expect(page.getByText('Saved on this device.')).toBeVisible();
  await expect(form.getByLabel('What the customer said')).toHaveValue('');
  await expect(page.getByTestId('waiting-message')).toContainText(note);
  await expect(page.getByText('1 change waiting to sync')).toBeVisible();

  // A reload on the train keeps it.
  await page.reload();
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await expect(page.getByTestId('waiting-message')).toContainText(note);

  // Back online: it syncs by itself and joins the timeline, once.
  await page.context().setOffline(false);
  await expect(page.getByText(/All changes synced/)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('waiting-message')).toHaveCount(0);
  const card = page.getByTestId('message-card').filter({ hasText: note });
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('analysis')).toBeVisible();
  const stored = await (await page.request.get(`/api/v1/accounts/${created.id}/messages`)).json();
  expect(stored.filter((m: { body: string }) => m.body === note)).toHaveLength(1);
});
