import { expect, test } from '@playwright/test';
import { linkIn, mailServerUrl, waitForMail } from './mailbox';

// On a server that sends mail, sign-up answers alike for every address and the email
// decides: a link that creates the organisation, once, or a note to the address's owner.

const password = 'quiet lantern river 42';

async function fillSignUp(page: import('@playwright/test').Page, organisation: string, email: string) {
  await page.goto(`${mailServerUrl}/signup`);
  await page.getByLabel('Organisation name').fill(organisation);
  await page.getByLabel('Your name').fill('Pat Example');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

test('a new organisation is created from the emailed link, and the link works once', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  const email = `pat.${Date.now()}@globex.test`;
  await fillSignUp(page, 'Globex', email);
  const sent = page.getByTestId('signup-check-inbox');
  await expect(sent.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  await expect(sent).toContainText(`We sent a link to ${email}.`);
  await expect(sent).toContainText('it works for 24 hours');

  const mail = await waitForMail(email);
  expect(mail).toContain('Subject: Confirm your Kaiku account: Globex');
  const link = linkIn(mail, '/signup/confirm/');
  await page.goto(link);
  await expect(page).toHaveURL(`${mailServerUrl}/`);
  await expect(page.getByTestId('nav-user')).toHaveText('Pat Example');

  // Opened again (from another browser): not a second organisation.
  const other = await browser.newContext({ locale: 'en-GB' });
  const again = await other.newPage();
  await again.goto(link);
  const refused = again.getByTestId('signup-link-invalid');
  await expect(refused.getByRole('heading', { name: "This link can't be used" })).toBeVisible();
  await expect(refused.getByRole('link', { name: 'Go to the login page' })).toBeVisible();
  await other.close();
  await context.close();
});

test('signing up with an address that has an account tells its owner, not the form', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  const email = `owner.${Date.now()}@acme.test`;
  await fillSignUp(page, 'Acme', email);
  await page.goto(linkIn(await waitForMail(email), '/signup/confirm/'));
  await expect(page).toHaveURL(`${mailServerUrl}/`);
  await context.close();

  // Someone else tries the same address: the form answers as for any address.
  const stranger = await browser.newContext({ locale: 'en-GB' });
  const form = await stranger.newPage();
  await fillSignUp(form, 'Evil Corp', email);
  await expect(form.getByTestId('signup-check-inbox')).toContainText(`We sent a link to ${email}.`);
  const note = await waitForMail(email, 2);
  expect(note).toContain('Subject: You already have a Kaiku account');
  expect(note).not.toContain('/signup/confirm/');

  // "Sign up again" brings the form back as it was filled, for a mistyped address.
  await form.getByRole('button', { name: 'Sign up again' }).click();
  await expect(form.getByLabel('Organisation name')).toHaveValue('Evil Corp');
  await stranger.close();
});
