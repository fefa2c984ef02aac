import { expect, test } from '@playwright/test';
import { signUp } from './signup';
import { addContact, call, createAccount, sendRound } from './api';

// An account with a long history: its page shows the newest fifty entries and reads
// older ones a page at a time on request; opened at an old month (as from the
// heatmap), it reads on by itself until that month's entries are there and marked.

const stamp = Date.now();
const admin = {
  organisation: `Long History ${stamp}`,
  name: 'Aada Admin',
  email: `timeline.admin.${stamp}@example.com`,
  password: 'admin password long enough',
};
const NOTES = 70;

test('a long timeline comes a page at a time, and an old month is read up to', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await signUp(page, admin);
  const name = `Globex ${stamp}`;
  const account = await createAccount(page.request, { name, start_date: '2025-01-01' });
  // A meeting note a day, from yesterday back.
  const days = Array.from({ length: NOTES }, (_, i) => new Date(Date.now() - (i + 1) * 86_400_000));
  const rows = days.map((day, i) => `meeting_note,${day.toISOString()},Weekly meeting ${i + 1}.,note-${i},${name}`);
  const report = await call(page.request, 'post', '/api/v1/messages/import', {
    csv: ['source,received_at,body,external_id,account', ...rows].join('\n'),
    dry_run: false,
  });
  expect(report.created).toBe(NOTES);

  await page.goto(`/accounts/${account.id}`);
  const entries = page.getByTestId('timeline-entry');
  await expect(entries).toHaveCount(50);
  await expect(entries.first()).toContainText('Weekly meeting 1.');
  const older = page.getByTestId('timeline-older');
  await older.click();
  await expect(entries).toHaveCount(NOTES);
  await expect(entries.last()).toContainText(`Weekly meeting ${NOTES}.`);
  await expect(older).toHaveCount(0);

  // The oldest note's month, opened directly: its entries are read and marked.
  const oldest = days[NOTES - 1];
  const month = `${oldest.getUTCFullYear()}-${String(oldest.getUTCMonth() + 1).padStart(2, '0')}`;
  const inMonth = days.filter((d) => d.getUTCFullYear() === oldest.getUTCFullYear() && d.getUTCMonth() === oldest.getUTCMonth()).length;
  await page.goto(`/accounts/${account.id}?period=${month}`);
  await expect(page.locator('[data-testid="timeline-entry"][data-period="true"]')).toHaveCount(inMonth);
  await expect(entries.last()).toContainText(`Weekly meeting ${NOTES}.`);
  await expect(page.locator('[data-testid="timeline-entry"][data-period="true"]').first()).toBeInViewport();
  await context.close();
});

test('an account with many survey rounds shows the newest and the older ones on request', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await signUp(page, { ...admin, email: `rounds.admin.${stamp}@example.com`, organisation: `Many Rounds ${stamp}` });
  const account = await createAccount(page.request, { name: `Initech ${stamp}` });
  const contact = await addContact(page.request, account.id, { name: 'Maija Virtanen', email: `maija.${stamp}@initech.example` });
  // One more round than a page (ROUNDS_PAGE, 10).
  for (let i = 0; i < 11; i++) await sendRound(page.request, account.id, contact.id);

  await page.goto(`/accounts/${account.id}`);
  const rounds = page.getByTestId('round');
  await expect(rounds).toHaveCount(10);
  const older = page.getByTestId('rounds-older');
  await older.click();
  await expect(rounds).toHaveCount(11);
  await expect(older).toHaveCount(0);
  await context.close();
});
