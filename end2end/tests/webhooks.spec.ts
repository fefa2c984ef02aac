import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { call, createAccount } from './api';
import { signUp } from './signup';

// An admin adds a webhook on the settings page (its signing secret shown once), a
// meeting note is logged on an account, and the receiver — an HTTP server this test
// starts on loopback — gets the event; the page lists the delivery and can send it
// again; removing the webhook asks first. (The suite's server lets webhooks reach
// loopback; by default Kaiku refuses internal addresses.)

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

test('an admin adds a webhook, the receiver gets the event, and the delivery is listed', async ({ browser }) => {
  test.setTimeout(180_000);
  const received: Received[] = [];
  const receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;

  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  const stamp = Date.now();
  await signUp(page, {
    organisation: `Hook Agency ${stamp}`,
    name: 'Hanna Admin',
    email: `hooks.${stamp}@example.com`,
    password: 'admin password long enough',
  });
  await page.goto('/settings/webhooks');
  await expect(page.getByText('No webhooks yet.')).toBeVisible();
  await expect(page.getByText('Nothing sent yet.')).toBeVisible();

  const form = page.getByTestId('new-webhook');
  await form.getByRole('button', { name: 'Add webhook' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await form.getByLabel('Address (https://…)').fill(`http://127.0.0.1:${port}/kaiku`);
  await form.getByLabel('A customer answered a survey').uncheck();
  await form.getByLabel('A customer message came in').check();
  await form.getByRole('button', { name: 'Add webhook' }).click();
  const secret = (await page.getByTestId('webhook-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^whsec_/);
  const row = page.getByTestId('webhook-row');
  await expect(row).toContainText(`http://127.0.0.1:${port}/kaiku`);
  await expect(row).toContainText('A customer message came in');

  // An event: a meeting note logged on an account.
  const account = await createAccount(page.request, { name: `Hooked Oy ${stamp}` });
  await call(page.request, 'post', `/api/v1/accounts/${account.id}/messages`, {
    source: 'meeting_note',
    body: 'They asked for a roadmap workshop.',
    language: 'en',
  });
  // The scheduler sends it within its pass (a minute on the suite's server).
  await expect.poll(() => received.length, { timeout: 150_000, intervals: [2_000] }).toBe(1);
  const event = JSON.parse(received[0].body);
  expect(event.event).toBe('message_received');
  expect(event.data.account.name).toBe(`Hooked Oy ${stamp}`);
  expect(event.data.body).toBe('They asked for a roadmap workshop.');
  expect(received[0].headers['x-kaiku-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);

  await page.reload();
  await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
  const delivery = page.getByTestId('delivery-row');
  await expect(delivery).toContainText('A customer message came in');
  await expect(delivery.getByTestId('delivery-state')).toHaveText('Delivered');
  await expect(delivery).toContainText('HTTP 200');
  await delivery.getByRole('button', { name: 'Send again' }).click();
  await expect(delivery.getByTestId('delivery-state')).toHaveText('Waiting');

  // Removing asks first; declining keeps it.
  page.once('dialog', (dialog) => dialog.dismiss());
  await row.getByRole('button', { name: 'Remove' }).click();
  await expect(row).toBeVisible();
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('Remove this webhook?');
    dialog.accept();
  });
  await row.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText('No webhooks yet.')).toBeVisible();
  await context.close();
  receiver.close();
});
