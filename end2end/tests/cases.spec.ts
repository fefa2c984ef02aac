import { expect, test, type Browser, type Page } from '@playwright/test';
import { signUp } from './signup';
import { addContact, createAccount, sendRound } from './api';

// A detractor answers on a phone; the account's lead sees the case, writes the Listen
// note on the train (offline, a reload in the middle: it arrives once), works the rest
// the LATTE way (the acknowledgement email lands in the outbox) and closes it with an
// explanation. Then the demo's re-pulse: the customer answers "no" and the case reopens.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const lead = {
  organisation: `Case Agency ${stamp}`,
  name: 'Leena Lead',
  email: `case.lead.${stamp}@example.com`,
  password: 'lead password long enough',
};
const account = `Umbrella ${stamp}`;
const john = { name: 'John Smith', email: `john.${stamp}@umbrella.example` };
const complaint = 'Nobody answered our emails for two weeks and the launch slipped.';
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

let leadPage: Page;
let caseUrl: string;
const heard = 'Two weeks without answers before the launch.';

async function outbox(page: Page): Promise<{ to: string; subject: string; body: string }[]> {
  const reply = await page.request.get('/api/v1/outbox');
  expect(reply.ok()).toBeTruthy();
  return reply.json();
}

async function customerPage(browser: Browser) {
  const context = await browser.newContext({ ...phone, locale: 'en-GB' });
  return { context, page: await context.newPage() };
}

async function pick(page: Page, id: string, score: number) {
  await page.locator(`[data-question="${id}"]`).locator('label').filter({ hasText: new RegExp(`^${score}$`) }).click();
}

test('a detractor answers on a phone and the lead finds the case', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  leadPage = await context.newPage();
  leadPage.on('dialog', (dialog) => dialog.accept());
  await signUp(leadPage, lead);
  const me = await (await leadPage.request.get('/api/v1/auth/me')).json();
  const created = await createAccount(leadPage.request, { name: account, annual_value_eur: 150000, lead_id: me.user.id });
  const contact = await addContact(leadPage.request, created.id, { name: john.name, email: john.email });
  const round = await sendRound(leadPage.request, created.id, contact.id);
  const link = new URL(round.links[0].link, 'http://x').pathname;

  // The customer, on a phone, is unhappy and says why.
  const customer = await customerPage(browser);
  await customer.page.goto(link);
  await pick(customer.page, 'nps', 3);
  await pick(customer.page, 'quality', 2);
  await pick(customer.page, 'communication', 1);
  await pick(customer.page, 'schedule', 2);
  await pick(customer.page, 'understanding', 3);
  await pick(customer.page, 'value', 2);
  await customer.page.locator('[data-question="do_differently"]').getByRole('textbox').fill(complaint);
  await customer.page.getByRole('button', { name: 'Send answers' }).click();
  await expect(customer.page.getByRole('heading', { name: 'Thank you for your answer!' })).toBeVisible();
  await customer.context.close();

  // The lead's navigation counts the case; the list has it, its filters live in the address.
  await leadPage.goto('/');
  await expect(leadPage.getByTestId('case-count')).toHaveText('1');
  await leadPage.getByRole('navigation').getByRole('link', { name: /^Cases/ }).click();
  await expect(leadPage.getByRole('heading', { level: 1 })).toHaveText('Cases');
  const row = leadPage.getByTestId('case-row').filter({ hasText: account });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Detractor (NPS 0–6)');

  await leadPage.getByLabel('Overdue only').check();
  await expect(leadPage).toHaveURL(/overdue=true/);
  await expect(leadPage.getByTestId('cases-empty')).toBeVisible();
  await leadPage.reload();
  await expect(leadPage.getByLabel('Overdue only')).toBeChecked();
  await leadPage.getByRole('button', { name: 'Clear filters' }).click();
  await expect(leadPage).not.toHaveURL(/overdue/);

  await leadPage.getByTestId('case-row').getByRole('link', { name: account }).click();
  await expect(leadPage.getByRole('heading', { level: 1 })).toHaveText(`Case: ${account}`);
  caseUrl = leadPage.url();
  await expect(leadPage.getByTestId('case-words')).toContainText(complaint);
  await expect(leadPage.getByTestId('case-words')).toContainText(john.name);
  await expect(leadPage.getByTestId('case-owner')).toHaveText(lead.name);
  await expect(leadPage.getByTestId('case-deadline')).toHaveCount(3);
});

test('the lead writes the Listen note offline, and it arrives once', async () => {
  await leadPage.goto(caseUrl);
  await expect(leadPage.getByTestId('case-words')).toContainText(complaint);
  // The app shell is in the service worker's cache before the train leaves.
  await leadPage.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => leadPage.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await leadPage.context().setOffline(true);
  const listen = leadPage.getByTestId('latte-listen');
  await listen.getByRole('button', { name: 'Save' }).click();
  await expect(listen.getByRole('alert').first()).toBeVisible();
  await listen.getByLabel('What I heard').fill(heard);
  await listen.getByLabel('My hypothesis').fill('Our account manager was on holiday with no cover.');
  await listen.getByRole('button', { name: 'Save' }).click();
  await expect(listen.getByTestId('waiting-step')).toContainText(heard);
  await expect(leadPage.getByText('1 change waiting to sync')).toBeVisible();

  await leadPage.reload();
  await expect(leadPage.getByTestId('offline-banner')).toBeVisible();
  await expect(leadPage.getByTestId('case-words')).toContainText(complaint);
  await expect(listen.getByTestId('waiting-step')).toContainText(heard);

  // Back online: it syncs by itself, and the case shows the step taken, once.
  await leadPage.context().setOffline(false);
  await expect(leadPage.getByText(/All changes synced/)).toBeVisible({ timeout: 15_000 });
  await expect(listen.getByTestId('taken-step')).toContainText(heard);
  await expect(listen.getByTestId('taken-step')).toContainText(lead.name);
  await expect(listen.getByTestId('waiting-step')).toHaveCount(0);
  const id = new URL(caseUrl).pathname.split('/').pop();
  const view = await (await leadPage.request.get(`/api/v1/cases/${id}`)).json();
  expect(view.steps.filter((s: { step: string }) => s.step === 'listen')).toHaveLength(1);
});

test('the lead works the case the LATTE way and closes it with an explanation', async () => {
  await leadPage.goto(caseUrl);

  // Acknowledge: the email drafted in John's language, edited, then sent.
  const acknowledge = leadPage.getByTestId('latte-acknowledge');
  await acknowledge.getByRole('button', { name: 'Write the email' }).click();
  await expect(acknowledge.getByLabel('Subject')).toHaveValue(/We have read your feedback/);
  await expect(acknowledge.getByLabel('Message')).toHaveValue(/^Hi John,/);
  const body = `Hi John,\n\nI am sorry about the silence before your launch. I will call you tomorrow at 10.\n\nLeena`;
  await acknowledge.getByLabel('Message').fill(body);
  await acknowledge.getByRole('button', { name: 'Send the email' }).click();
  await expect(acknowledge.getByTestId('taken-step')).toContainText(`Email to ${john.email}`);
  const sent = (await outbox(leadPage)).find((m) => m.to === john.email && m.subject.includes('We have read your feedback'));
  expect(sent, 'the acknowledgement in the outbox').toBeTruthy();
  expect(sent!.body).toContain('I will call you tomorrow at 10.');
  await leadPage.goto('/settings/team');
  await expect(leadPage.getByText(/We have read your feedback/).first()).toBeVisible();
  await leadPage.goto(caseUrl);

  // Closing without Explain needs a reason, and the form says so.
  await expect(leadPage.getByTestId('close-form')).toContainText('There is no Explain step');

  // Explain: a logged call, then the case closes with a root cause and resolution.
  const explain = leadPage.getByTestId('latte-explain');
  await explain.getByLabel('Call').check();
  await explain.getByLabel('What was said').fill('Told John we now have cover for every holiday.');
  await explain.getByRole('button', { name: 'Save' }).click();
  await expect(explain.getByTestId('taken-step')).toContainText('Told John we now have cover');
  await expect(leadPage.getByTestId('close-form')).not.toContainText('There is no Explain step');

  const close = leadPage.getByTestId('close-form');
  await close.getByLabel('Root cause').selectOption({ label: 'Poor complaint or error handling' });
  await close.getByLabel('Resolution').fill('Holiday cover for every account manager.');
  await close.getByRole('button', { name: 'Close the case' }).click();
  await expect(leadPage.getByTestId('case-status')).toHaveText('Closed');
  await expect(leadPage.getByTestId('case-closed')).toContainText('Poor complaint or error handling');
  await expect(leadPage.getByTestId('case-closed')).toContainText('Holiday cover for every account manager.');

  // No open case left: the count is gone and the usual list is empty.
  await leadPage.getByRole('link', { name: 'All cases' }).click();
  await expect(leadPage.getByTestId('cases-empty')).toBeVisible();
  await expect(leadPage.getByTestId('case-count')).toHaveCount(0);
});

test('the demo re-pulse answered "no" reopens its case', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const admin = await context.newPage();
  await admin.goto('/login');
  await admin.getByLabel('Email', { exact: true }).fill('admin@demo.kaiku.test');
  await admin.getByLabel('Password', { exact: true }).fill('kaiku-demo-2026');
  await admin.getByRole('button', { name: 'Log in' }).click();
  await expect(admin).toHaveURL(/\/$/);

  // The closed case whose re-pulse the scheduler sent at start, still unanswered.
  const closed: { id: string }[] = await (await admin.request.get('/api/v1/cases?scope=all&status=closed')).json();
  let caseId = '';
  let contact = '';
  for (const summary of closed) {
    const view = await (await admin.request.get(`/api/v1/cases/${summary.id}`)).json();
    if (view.repulse && !view.repulse.answered_at) {
      caseId = summary.id;
      contact = view.repulse.contact_name;
      break;
    }
  }
  expect(caseId, 'a demo case waiting for its re-pulse answer').not.toBe('');
  const repulse = (await outbox(admin)).find((m) => /is this resolved for you\?|onko asia nyt ratkaistu\?/.test(m.subject));
  expect(repulse, 'the re-pulse email in the outbox').toBeTruthy();
  // The outbox never shows a link's token; the demo's re-pulse also opens with a public
  // demo token (server/src/seed: DEMO_REPULSE_TOKEN), as the demo's logins are public.
  expect(repulse!.body).toContain('/s/…');

  await admin.goto(`/cases/${caseId}`);
  await expect(admin.getByTestId('case-status')).toHaveText('Closed');
  await expect(admin.getByTestId('case-repulse')).toContainText('No answer yet.');

  // The customer, on a phone: one question, answered "no" with a comment.
  const customer = await customerPage(browser);
  await customer.page.goto('/s/demo-repulse-baltic-logistics');
  await customer.page.locator('[data-question="resolved"]').getByRole('radio', { name: /^(No|Ei)$/ }).check();
  await customer.page.locator('[data-question="comment"]').getByRole('textbox').fill('Still waiting for the weekly report.');
  await customer.page.getByRole('button', { name: /Send answers|Lähetä vastaukset/ }).click();
  await expect(customer.page.getByRole('heading', { name: /Thank you|Kiitos/ })).toBeVisible();
  await customer.context.close();

  await admin.reload();
  await expect(admin.getByTestId('case-status')).toHaveText('Open');
  await expect(admin.getByTestId('case-repulse')).toContainText('No, not resolved');
  await expect(admin.getByTestId('case-repulse')).toContainText('Still waiting for the weekly report.');
  await expect(admin.getByTestId('case-repulse')).toContainText(contact);
  await context.close();
});
