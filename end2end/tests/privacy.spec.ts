import { expect, test } from '@playwright/test';
import { signUp } from './signup';
import { addContact, createAccount, sendRound } from './api';
import { violations } from './axe';

// A customer's contact asks to be forgotten. The admin finds her by email from the
// settings menu, downloads everything held about her, erases her with her answers
// deleted after confirming, and finds nothing afterwards; the security log says an
// erasure was made without saying whose. She then sets how long answers are kept,
// asks for an archived account and then the whole organisation to be deleted, and
// takes both back.

const stamp = Date.now();
const admin = {
  organisation: `Privacy Agency ${stamp}`,
  name: 'Aada Admin',
  email: `privacy.admin.${stamp}@example.com`,
  password: 'admin password long enough',
};
const maija = `maija.${stamp}@asiakas.example`;
const comment = 'Raportit tulevat aina myöhässä.';

test('an admin exports and erases a person who asked to be forgotten', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await signUp(page, admin);
  const account = await createAccount(page.request, { name: `Asiakas ${stamp}` });
  const contact = await addContact(page.request, account.id, { name: 'Maija Virtanen', email: maija, language: 'fi' });
  const round = await sendRound(page.request, account.id, contact.id);
  const token = new URL(round.links[0].link, 'http://x').pathname.split('/').pop();
  const scores = { nps: 8, quality: 4, communication: 4, schedule: 3, understanding: 4, value: 4 };
  const answers = [
    ...Object.entries(scores).map(([question_id, score]) => ({ question_id, score, choice: null, text: null })),
    { question_id: 'do_differently', score: null, choice: null, text: comment },
  ];
  const reply = await page.request.post(`/api/v1/survey/${token}/submit`, { data: { answers } });
  expect(reply.ok(), await reply.text()).toBeTruthy();

  await page.goto('/');
  await page.getByTestId('nav-settings').click();
  await page.locator('nav a[href="/settings/privacy"]').click();
  await expect(page).toHaveURL(/\/settings\/privacy$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy requests');

  // A typo is caught before anything is asked of the server.
  const find = page.getByTestId('privacy-find');
  await find.getByLabel('Email address').fill('maija');
  await find.getByRole('button', { name: 'Find a person' }).click();
  await expect(find.getByRole('alert')).toBeVisible();

  await find.getByLabel('Email address').fill(maija.toUpperCase());
  await find.getByRole('button', { name: 'Find a person' }).click();
  const held = page.getByTestId('privacy-holdings');
  await expect(held.getByRole('heading', { level: 2 })).toHaveText(`What Kaiku holds about ${maija}`);
  await expect(held).toContainText(`Contact of: Asiakas ${stamp}`);
  await expect(held.locator('dt', { hasText: 'Surveys answered' }).locator('xpath=following-sibling::dd[1]')).toHaveText('1');
  expect(await violations(page)).toEqual([]);

  const download = page.waitForEvent('download');
  await held.getByTestId('privacy-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^kaiku-maija.*\.json$/);
  const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
  const exported = JSON.parse(text);
  expect(exported.contacts[0].name).toBe('Maija Virtanen');
  expect(exported.surveys[0].answers.map((a: { text: string | null }) => a.text)).toContain(comment);

  await held.getByLabel(/Delete their answers and messages too/).check();
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toBe(`Erase ${maija} from every account? This cannot be undone.`);
    void dialog.accept();
  });
  await held.getByTestId('privacy-erase').click();
  await expect(page.getByRole('status').filter({ hasText: `${maija} was erased.` })).toBeVisible();
  await expect(held).toHaveCount(0);

  await find.getByLabel('Email address').fill(maija);
  await find.getByRole('button', { name: 'Find a person' }).click();
  await expect(page.getByTestId('privacy-holdings')).toHaveText(`Kaiku holds nothing about ${maija}.`);

  // How long answers are kept: two years, then deleted; it holds after a reload.
  const retention = page.getByTestId('retention');
  await retention.getByLabel('Survey answers, months').fill('0');
  await retention.getByRole('button', { name: 'Save' }).click();
  await expect(retention.getByText('Use a value from 1 to 120.')).toBeVisible();
  await retention.getByLabel('Survey answers, months').fill('24');
  await retention.getByLabel(/Delete their answers and messages too/).check();
  await retention.getByRole('button', { name: 'Save' }).click();
  await expect(retention.getByText('Retention saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('retention').getByLabel('Survey answers, months')).toHaveValue('24');
  await expect(page.getByTestId('retention').getByLabel('Messages, months')).toHaveValue('');
  await expect(page.getByTestId('retention').getByLabel(/Delete their answers and messages too/)).toBeChecked();

  // Her answer is gone from the account, and the log tells of an erasure, not of her.
  const responses = await (await page.request.get(`/api/v1/accounts/${account.id}/responses`)).json();
  expect(responses).toEqual([]);
  await page.goto('/settings/audit');
  const rows = page.getByTestId('audit-row');
  await expect(rows.filter({ hasText: 'A person erased' })).toHaveCount(1);
  await expect(rows.filter({ hasText: "A person's data exported" })).toHaveCount(1);
  await expect(page.locator('main table')).not.toContainText('maija');

  // The account, archived, is to be deleted in 30 days; she takes it back.
  await page.goto(`/accounts/${account.id}`);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByRole('button', { name: 'Restore' })).toBeVisible();
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('in 30 days');
    void dialog.accept();
  });
  await page.getByTestId('account-deletion').click();
  await expect(page.getByTestId('account-deletion-pending')).toContainText('will be deleted on');
  await page.getByTestId('account-deletion').click();
  await expect(page.getByTestId('account-deletion-pending')).toHaveCount(0);

  // The whole organisation: its name typed again; every page then says when.
  await page.goto('/settings/privacy');
  const deletion = page.getByTestId('organisation-deletion');
  await deletion.getByLabel("Type the organisation's name to confirm").fill('Privacy Agency');
  await deletion.getByRole('button', { name: 'Delete the organisation in 30 days' }).click();
  await expect(deletion.getByText('This does not match; type it exactly as shown.')).toBeVisible();
  await deletion.getByLabel("Type the organisation's name to confirm").fill(admin.organisation);
  await deletion.getByRole('button', { name: 'Delete the organisation in 30 days' }).click();
  await expect(page.getByTestId('organisation-deletion-banner')).toContainText('will be deleted on');
  await page.goto('/accounts');
  await expect(page.getByTestId('organisation-deletion-banner')).toBeVisible();
  await page.getByTestId('organisation-deletion-banner').getByRole('link', { name: 'Take the deletion back' }).click();
  await page.getByTestId('organisation-deletion').getByRole('button', { name: 'Take the deletion back' }).click();
  await expect(page.getByTestId('organisation-deletion-banner')).toHaveCount(0);
  await context.close();
});
