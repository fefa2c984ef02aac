import { chownSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { addContact, createAccount } from './api';
import { signUp } from './signup';

// An admin connects the customer mailbox — a real IMAP server (Dovecot) that
// `cargo xtask e2e` starts on loopback — on the settings page: a wrong password is
// refused with what to change, the right one connects. An email that then arrives
// from a contact is read ("Check now") and shows on the contact's account, its
// quoted reply cut and its attachment listed. Disconnecting asks first.

const port = process.env.KAIKU_E2E_IMAP_PORT ?? '';
const user = process.env.KAIKU_E2E_IMAP_USER ?? '';
const password = process.env.KAIKU_E2E_IMAP_PASSWORD ?? '';
const maildir = process.env.KAIKU_E2E_MAILDIR ?? '';
const [uid, gid] = (process.env.KAIKU_E2E_MAIL_OWNER ?? '0:0').split(':').map(Number);

/** Puts an email into the mailbox as a delivery agent does: written, then moved to `new`. */
function deliver(name: string, raw: string) {
  const written = join(maildir, 'tmp', name);
  writeFileSync(written, raw.replace(/\n/g, '\r\n'));
  chownSync(written, uid, gid);
  renameSync(written, join(maildir, 'new', name));
}

test('an admin connects the mailbox and a customer email lands on the account', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  const stamp = Date.now();
  await signUp(page, {
    organisation: `Inbox Agency ${stamp}`,
    name: 'Ilona Admin',
    email: `inbox.${stamp}@example.com`,
    password: 'admin password long enough',
  });
  const sender = `maija.${stamp}@globex.test`;
  const account = await createAccount(page.request, { name: `Globex ${stamp}` });
  await addContact(page.request, account.id, { name: 'Maija Meikäläinen', email: sender });

  await page.goto('/settings/mailbox');
  await expect(page.getByRole('heading', { name: 'Customer mailbox', level: 1 })).toBeVisible();
  const form = page.getByTestId('mailbox-form');
  await form.getByLabel('Mail server (IMAP)').fill('localhost');
  await form.getByLabel('Port').fill(port);
  await form.getByLabel('User name').fill(user);
  await form.getByLabel('Password').fill('not the password');
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(form.getByText('The mail server refused the user name or password.')).toBeVisible();
  await expect(page.getByTestId('mailbox-status')).toHaveCount(0);

  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByText('Connected: Kaiku logged in and opened the folder.')).toBeVisible();
  const status = page.getByTestId('mailbox-status');
  await expect(status.getByTestId('mailbox-account')).toContainText(`${user} · localhost:${port}`);
  await expect(status.getByTestId('mailbox-read')).toHaveText('0');
  await expect(page.getByTestId('mailbox-form').getByText('Leave empty to keep the saved password.')).toBeVisible();

  const body = `We are still waiting for the report ${stamp} and nobody answers our calls.`;
  deliver(
    `${stamp}.e2e`,
    [
      `Message-ID: <${stamp}@globex.test>`,
      `From: Maija Meikäläinen <${sender}>`,
      `To: ${user}`,
      'Subject: Re: Weekly report',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '',
      'On Fri, 4 Dec 2026, Anna <anna@agency.test> wrote:',
      '> Here is the report.',
      '--b',
      'Content-Type: application/pdf; name="notes.pdf"',
      'Content-Disposition: attachment; filename="notes.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQK',
      '--b--',
      '',
    ].join('\n'),
  );
  await status.getByRole('button', { name: 'Check now' }).click();
  await expect(status.getByTestId('mailbox-read')).toHaveText('1');
  await expect(status.getByTestId('mailbox-working')).toBeVisible();

  await page.goto(`/accounts/${account.id}`);
  const card = page.getByTestId('message-card').filter({ hasText: body });
  await expect(card).toBeVisible();
  await expect(card).toContainText('read from the customer mailbox');
  await expect(card).not.toContainText('Here is the report.');
  await expect(card.getByTestId('message-attachments')).toContainText('notes.pdf');

  await page.goto('/settings/mailbox');
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('Disconnect the mailbox?');
    dialog.accept();
  });
  await page.getByTestId('mailbox-status').getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByTestId('mailbox-status')).toHaveCount(0);
  await expect(page.getByTestId('mailbox-form').getByRole('button', { name: 'Connect' })).toBeVisible();
  await context.close();
});
