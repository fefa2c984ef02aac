import { expect, test, type Page } from '@playwright/test';
import { call, addContact, createAccount, sendRound } from './api';
import { signUp } from './signup';

// "You said, we did": a customer's complaint opened a case the lead explained and
// closed; on the account page the lead words what we did and approves it; the
// customer's next survey, on a 360 px phone, opens with it before the first question,
// and the heatmap shows the account's feedback answered.
// Then the demo's own round that opens so (its public token, as with the re-pulse).
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const lead = {
  organisation: `We Did Agency ${stamp}`,
  name: 'Lotta Lead',
  email: `wedid.lead.${stamp}@example.com`,
  password: 'lead password long enough',
};
const account = `Soylent ${stamp}`;
const complaint = 'Our invoices keep arriving with the wrong VAT.';
const weDid = 'Invoices are now checked by a second person before they leave.';
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const score = (question_id: string, score: number) => ({ question_id, score, choice: null, text: null });

let leadPage: Page;
let accountId = '';
let contactId = '';

/** The section sits above the first question, within the phone's width. */
async function opensWithWeDid(page: Page, heading: RegExp, said: string, did: string) {
  const section = page.locator('.survey-we-did');
  await expect(section.getByRole('heading', { name: heading })).toBeVisible();
  await expect(section).toContainText(said);
  await expect(section).toContainText(did);
  const box = (await section.boundingBox())!;
  const firstQuestion = (await page.locator('[data-question]').first().boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(firstQuestion.y);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
}

test('the lead approves what we did about a closed case', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  leadPage = await context.newPage();
  leadPage.on('dialog', (dialog) => dialog.accept());
  await signUp(leadPage, lead);
  const me = await (await leadPage.request.get('/api/v1/auth/me')).json();
  const created = await createAccount(leadPage.request, { name: account, lead_id: me.user.id });
  accountId = created.id;
  const contact = await addContact(leadPage.request, accountId, { name: 'Sol Brown', email: `sol.${stamp}@soylent.example`, title: 'CFO' });
  contactId = contact.id;
  const round = await sendRound(leadPage.request, accountId, contactId);
  const token = round.links[0].link.replace('/s/', '');
  const answers = [score('nps', 3), score('quality', 2), score('communication', 2), score('schedule', 2),
    score('understanding', 3), score('value', 2),
    { question_id: 'do_differently', score: null, choice: null, text: complaint }];
  const submitted = await leadPage.request.post(`/api/v1/survey/${token}/submit`, { data: { answers } });
  expect(submitted.ok(), await submitted.text()).toBeTruthy();
  const cases = await (await leadPage.request.get('/api/v1/cases?scope=mine')).json();
  const caseId = cases[0].id;
  await call(leadPage.request, 'post', `/api/v1/cases/${caseId}/steps`,
    { step: 'explain', channel: 'call', note: 'Called Sol about the VAT fix.' });
  await call(leadPage.request, 'post', `/api/v1/cases/${caseId}/close`,
    { root_cause: { churn_cause: 'complaint_handling' }, resolution: 'Second check on invoices.' });

  await leadPage.goto(`/accounts/${accountId}`);
  const panel = leadPage.getByTestId('we-did');
  await expect(panel.getByRole('heading', { name: 'You said, we did' })).toBeVisible();
  const item = panel.getByTestId('we-did-item');
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('we-did-status')).toHaveText('Waiting for review');
  await expect(item.locator('textarea[name="said_en"]')).toHaveValue(complaint);
  await item.locator('textarea[name="did_en"]').fill(weDid);
  await item.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(item.getByTestId('we-did-status')).toHaveText('Approved');
  // Approved and not yet told: it can go at once by email, after a confirmation.
  await expect(panel.getByTestId('we-did-send').getByRole('button', { name: 'Email Sol Brown now' })).toBeVisible();
  await expect(panel.getByTestId('we-did-share')).toContainText('0 of 1');
});

test("the customer's next survey on a phone opens with it", async ({ browser }) => {
  const round = await sendRound(leadPage.request, accountId, contactId);
  const context = await browser.newContext({ ...phone, locale: 'en-GB' });
  const customer = await context.newPage();
  await customer.goto(round.links[0].link);
  await opensWithWeDid(customer, /Last time you told us/, complaint, weDid);
  await context.close();

  await leadPage.reload();
  const told = leadPage.getByTestId('we-did').getByTestId('we-did-told');
  await expect(told).toContainText('Told Sol Brown in the survey invitation');
  await expect(told).toContainText('Told Sol Brown on the survey page');
  await expect(leadPage.getByTestId('we-did-share')).toContainText('1 of 1');

  // Leadership's heatmap: the same share beside the account.
  await leadPage.goto('/heatmap');
  const row = leadPage.getByTestId('heatmap-we-did-row').filter({ hasText: account });
  await expect(row).toContainText('1 of 1');
  await leadPage.context().close();
});

test("the demo's round opens with what we did, in Finnish", async ({ browser }) => {
  const context = await browser.newContext({ ...phone, locale: 'fi-FI' });
  const customer = await context.newPage();
  await customer.goto('/s/demo-we-did-nordic-retail');
  await opensWithWeDid(customer, /Viime kerralla kerroitte meille/, 'Kuukausiraportit tulevat aina myöhässä.',
    'Automatisoimme raportit');
  await context.close();
});
