import { expect, test, type Browser, type Page } from '@playwright/test';
import { logInAsDemoLeader } from './demo';
import { addContact, createAccount, sendRound } from './api';

// The expectation chain in the demo organisation: Mia, the seller, records at the sale
// what she promised a new customer; a quarter's answer breaks it; Mia and the account's
// lead Matti each find the alert with the promise beside the customer's own words.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const account = `Promise Co ${stamp}`;
const promise = 'A named project manager answers every email within one working day.';
const commitment = 'weekly status report';
const complaint = 'We have not had one status report since the kick-off, and emails go unanswered.';
const password = 'kaiku-demo-2026';

let accountId: string;

async function logIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/$/);
  return page;
}

async function pick(page: Page, id: string, score: number) {
  await page.locator(`[data-question="${id}"]`).locator('label').filter({ hasText: new RegExp(`^${score}$`) }).click();
}

test('the seller records at the sale what was promised', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const leena = await context.newPage();
  await logInAsDemoLeader(leena);
  const users: { id: string; email: string }[] = await (await leena.request.get('/api/v1/users')).json();
  const id = (email: string) => users.find((u) => u.email === email)!.id;
  const created = await createAccount(leena.request, { name: account, lead_id: id('matti@demo.kaiku.test'), team_ids: [id('mia@demo.kaiku.test')] });
  accountId = created.id;
  await context.close();

  const mia = await logIn(browser, 'mia@demo.kaiku.test');
  await mia.goto(`/accounts/${accountId}`);
  const section = mia.getByTestId('account-promises');
  await expect(section.getByText('No promise recorded yet.')).toBeVisible();
  const form = mia.getByTestId('promise-form');
  await form.getByLabel('Aspect').selectOption('communication');
  await form.getByLabel('What was promised').fill(promise);
  await form.getByLabel('How much it matters (1–5)').fill('5');
  await form.getByLabel('Concrete commitment (optional)').fill(commitment);
  await form.getByLabel('Phase').selectOption('sales');
  await form.getByRole('button', { name: 'Record the promise' }).click();
  const recorded = section.getByTestId('promise');
  await expect(recorded).toContainText(promise);
  await expect(recorded).toContainText(commitment);
  await expect(recorded).toContainText('Not rated yet');
  await expect(recorded).toContainText('promised by Mia Member');
  await mia.context().close();
});

test('a later answer breaks it, and the seller and the lead see the alert with both texts', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const leena = await context.newPage();
  await logInAsDemoLeader(leena);
  const contact = await addContact(leena.request, accountId, { name: 'Paula Promise', email: `paula.${stamp}@promise.example`, title: 'COO' });
  const round = await sendRound(leena.request, accountId, contact.id);
  await context.close();

  const customer = await browser.newContext({ locale: 'en-GB' });
  const answer = await customer.newPage();
  await answer.goto(new URL(round.links[0].link, 'http://x').pathname);
  await pick(answer, 'nps', 6);
  await pick(answer, 'quality', 4);
  await pick(answer, 'communication', 1);
  await pick(answer, 'schedule', 3);
  await pick(answer, 'understanding', 4);
  await pick(answer, 'value', 3);
  await answer.locator('[data-question="do_differently"]').getByRole('textbox').fill(complaint);
  await answer.getByRole('button', { name: 'Send answers' }).click();
  await expect(answer.getByRole('heading', { name: 'Thank you for your answer!' })).toBeVisible();
  await customer.close();

  // Mia, the seller (English).
  const mia = await logIn(browser, 'mia@demo.kaiku.test');
  // A member's menu keeps to their own work: the alerts are one address away.
  await mia.goto('/promises');
  const alert = mia.getByTestId('promise-alert').filter({ hasText: account });
  await expect(alert).toHaveCount(1);
  await expect(alert.getByTestId('promise-text')).toHaveText(promise);
  await expect(alert.getByTestId('customer-words')).toHaveText(complaint);
  await expect(alert).toContainText(commitment);
  await expect(alert).toContainText('Paula Promise');
  // The account shows the broken round beside the promise.
  await alert.getByRole('link', { name: account }).click();
  const recorded = mia.getByTestId('account-promises').getByTestId('promise');
  await expect(recorded).toContainText('Broken');
  await expect(recorded.getByTestId('promise-fulfilment')).toContainText('1.0');
  await mia.context().close();

  // Matti, the account's lead (Finnish): the same words, verbatim, and the case.
  const matti = await logIn(browser, 'matti@demo.kaiku.test');
  await matti.goto('/promises');
  const his = matti.getByTestId('promise-alert').filter({ hasText: account });
  await expect(his).toHaveCount(1);
  await expect(his.getByTestId('promise-text')).toHaveText(promise);
  await expect(his.getByTestId('customer-words')).toHaveText(complaint);
  await his.getByRole('link', { name: 'Avaa tapaus' }).click();
  await expect(matti.getByText(promise, { exact: false }).first()).toBeVisible();
  await matti.context().close();
});

test("the team's own rating in counter-feedback measures the promise too", async ({ browser }) => {
  const worry = 'Nobody has sent them a status report in a month.';
  // Mia, on the account's team, gives counter-feedback and rates communication 1.
  const mia = await logIn(browser, 'mia@demo.kaiku.test');
  await mia.goto(`/accounts/${accountId}/counter-feedback`);
  await mia.getByRole('radio', { name: '3' }).check();
  await mia.getByRole('radio', { name: 'Low' }).check();
  await mia.getByLabel('What is going on behind the scenes').fill(worry);
  await expect(mia.getByText('How well do we deliver? (your view)')).toBeVisible();
  await mia.getByLabel('communication', { exact: true }).selectOption('1');
  await mia.getByRole('button', { name: 'Send counter-feedback' }).click();
  await expect(mia.getByTestId('cf-sent')).toContainText('your counter-feedback is saved');

  // The promise shows the team's rating beside the customer's, and Mia is alerted.
  await mia.goto(`/accounts/${accountId}`);
  const recorded = mia.getByTestId('account-promises').getByTestId('promise');
  await expect(recorded.getByTestId('promise-team-fulfilment')).toContainText('1.0');
  await expect(mia.getByTestId('cf-fulfilment').first()).toContainText('communication 1 / 5');
  await mia.goto('/promises');
  const alert = mia.getByTestId('promise-alert').filter({ hasText: worry });
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText('The team said (Mia Member)');
  await expect(alert.getByTestId('promise-text')).toHaveText(promise);
  await mia.context().close();
});
