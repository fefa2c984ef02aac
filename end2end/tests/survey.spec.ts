import { expect, test, type Browser, type Page } from '@playwright/test';
import { signUp } from './signup';

// A team sets up an account and sends a survey; customers answer on their phones,
// once with a reload in the middle and once with the connection cut in the middle.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const admin = {
  organisation: `Survey Agency ${stamp}`,
  name: 'Aino Admin',
  email: `survey.admin.${stamp}@example.com`,
  password: 'admin password long enough',
};
const account = `Globex ${stamp}`;
const john = { name: 'John Smith', email: `john.${stamp}@globex.example`, language: 'en' };
const maija = { name: 'Maija Virtanen', email: `maija.${stamp}@globex.example`, language: 'fi' };
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

let adminPage: Page;
let accountUrl: string;

// The links the team is shown once after sending (emails get their own tokens as
// they are sent; the outbox never shows them).
const links = new Map<string, string>();

async function customerPage(browser: Browser) {
  const context = await browser.newContext({ ...phone, locale: 'en-GB' });
  return { context, page: await context.newPage() };
}

function question(page: Page, id: string) {
  return page.locator(`[data-question="${id}"]`);
}

async function pick(page: Page, id: string, score: number) {
  await question(page, id).locator('label').filter({ hasText: new RegExp(`^${score}$`) }).click();
}

test('the team adds an account and a contact and sends a survey', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  adminPage = await context.newPage();
  await signUp(adminPage, admin);

  await adminPage.getByRole('navigation').getByRole('link', { name: 'Accounts' }).click();
  await expect(adminPage.getByText('No accounts yet')).toBeVisible();
  await adminPage.getByRole('link', { name: 'New account' }).click();
  await adminPage.getByLabel('Name', { exact: true }).fill(account);
  await adminPage.getByLabel('Segments').fill('growth marketing');
  await adminPage.getByLabel('Stage').selectOption('delivery');
  await adminPage.getByLabel('Annual value (€)').fill('120000');
  await adminPage.getByRole('button', { name: 'Save' }).click();
  await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText(account);
  await expect(adminPage.getByText('€120,000')).toBeVisible();
  accountUrl = adminPage.url();

  for (const contact of [john, maija]) {
    const form = adminPage.getByTestId('contact-form');
    await form.getByLabel('Name', { exact: true }).fill(contact.name);
    await form.getByLabel('Email', { exact: true }).fill(contact.email);
    await form.getByLabel('Role or title').fill('Marketing director');
    await form.getByLabel('Language').selectOption(contact.language);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(adminPage.getByTestId('contact-row').filter({ hasText: contact.email })).toBeVisible();
  }

  // Both contacts, each previewed in their own language, then sent.
  await adminPage.getByLabel(`${john.name} (${john.email})`).check();
  await adminPage.getByLabel(`${maija.name} (${maija.email})`).check();
  await expect(adminPage.getByTestId('email-preview')).toHaveCount(2);
  await expect(adminPage.getByTestId('email-preview').filter({ hasText: 'Hi John,' })).toBeVisible();
  await expect(adminPage.getByTestId('email-preview').filter({ hasText: 'Hei Maija,' })).toBeVisible();
  await adminPage.getByRole('button', { name: 'Send survey' }).click();
  await expect(adminPage.getByTestId('survey-link')).toHaveCount(2);
  // No mail server in the test run: the notice says the emails wait and the links go by hand.
  await expect(adminPage.getByTestId('round-sent-notice')).toHaveText(
    'Sent, but no mail server is configured: the emails wait in the outbox. Copy each link now and pass it on yourself; they are shown only this once.',
  );
  await expect(adminPage.getByTestId('round-sent')).not.toContainText('got their link by email');
  for (const contact of [john, maija]) {
    const shown = adminPage.getByLabel(contact.name, { exact: true });
    links.set(contact.email, new URL(await shown.inputValue()).pathname);
  }
  // Each link has its own copy button, which copies that link.
  await adminPage.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const maijasLink = adminPage.getByTestId('created-link').filter({ has: adminPage.getByLabel(maija.name, { exact: true }) });
  await maijasLink.getByRole('button', { name: 'Copy link' }).click();
  await expect(maijasLink.getByRole('status')).toHaveText('Link copied.');
  expect(new URL(await adminPage.evaluate(() => navigator.clipboard.readText())).pathname).toBe(links.get(maija.email));
  await expect(adminPage.getByTestId('link-row')).toHaveCount(2);
  await expect(adminPage.getByTestId('link-row').first()).toContainText('Sent');
});

test('a customer answers half, reloads, finishes and the team sees the answer', async ({ browser }) => {
  const link = links.get(john.email)!;
  const { context, page } = await customerPage(browser);
  await page.goto(link);
  await expect(page.getByText(admin.organisation, { exact: true })).toBeVisible();
  await expect(page.getByText('We ask because')).toBeVisible();

  await pick(page, 'nps', 9);
  await pick(page, 'quality', 5);
  await pick(page, 'communication', 4);
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByText('3 of 9 answered')).toBeVisible();

  await page.reload();
  await expect(question(page, 'nps').getByRole('radio', { name: '9' })).toBeChecked();
  await expect(question(page, 'communication').getByRole('radio', { name: '4' })).toBeChecked();

  // Submitting too early points at the first unanswered required question.
  await page.getByRole('button', { name: 'Send answers' }).click();
  await expect(question(page, 'schedule')).toContainText('Please answer this question.');

  await pick(page, 'schedule', 3);
  await pick(page, 'understanding', 4);
  await pick(page, 'value', 4);
  await question(page, 'do_differently').getByRole('textbox').fill('Shorter status meetings, please.');
  await page.getByRole('button', { name: 'Send answers' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you for your answer!' })).toBeVisible();
  await expect(page.getByText('We will tell you what we did.')).toBeVisible();

  // Opening the link again shows the thanks, not a second survey.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Thank you for your answer!' })).toBeVisible();
  await context.close();

  await adminPage.goto(accountUrl);
  const response = adminPage.getByTestId('response').filter({ hasText: john.name });
  await expect(response).toBeVisible();
  await expect(response).toContainText('9 / 10');
  await expect(response).toContainText('Shorter status meetings, please.');
  await expect(adminPage.getByTestId('link-row').filter({ hasText: john.name })).toContainText('Answered');
});

test('a customer who loses the connection mid-survey loses nothing', async ({ browser }) => {
  const link = links.get(maija.email)!;
  const { context, page } = await customerPage(browser);
  await page.goto(link);
  // Maija's language is Finnish.
  await expect(page.getByText('Kysymme tätä')).toBeVisible();
  await pick(page, 'nps', 6);
  await expect(page.getByRole('status').filter({ hasText: 'Tallennettu.' })).toBeVisible();

  await context.setOffline(true);
  await pick(page, 'quality', 2);
  await pick(page, 'communication', 3);
  await question(page, 'do_differently').getByRole('textbox').fill('Vastatkaa sähköposteihin nopeammin.');
  await question(page, 'do_differently').getByRole('textbox').blur();
  await expect(page.getByText('Ei verkkoyhteyttä. Vastauksenne ovat tallessa')).toBeVisible();

  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'Tallennettu.' })).toBeVisible();
  await page.reload();
  await expect(question(page, 'quality').getByRole('radio', { name: '2' })).toBeChecked();
  await expect(question(page, 'do_differently').getByRole('textbox')).toHaveValue(
    'Vastatkaa sähköposteihin nopeammin.',
  );

  // Cut again just before sending: the answer goes when the connection returns.
  await pick(page, 'schedule', 3);
  await pick(page, 'understanding', 3);
  await context.setOffline(true);
  await pick(page, 'value', 2);
  await page.getByRole('button', { name: 'Lähetä vastaukset' }).click();
  await expect(page.getByText('Vastauksenne on tallessa tällä laitteella, ja se lähtee')).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByRole('heading', { name: 'Kiitos vastauksestanne!' })).toBeVisible();
  await context.close();

  await adminPage.goto(accountUrl);
  const response = adminPage.getByTestId('response').filter({ hasText: maija.name });
  await expect(response).toContainText('6 / 10');
  await expect(response).toContainText('Vastatkaa sähköposteihin nopeammin.');
  await expect(adminPage.getByTestId('response')).toHaveCount(2);
});

test('an unknown link shows a friendly page in both languages', async ({ browser }) => {
  const { context, page } = await customerPage(browser);
  await page.goto('/s/this-link-does-not-exist');
  await expect(page.getByRole('heading', { name: 'Linkki ei ole enää voimassa' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'This link is no longer valid' })).toBeVisible();
  await expect(page.getByText(admin.organisation)).toHaveCount(0);
  await context.close();
});
