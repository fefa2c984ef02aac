import { expect, test, type APIRequestContext } from '@playwright/test';
import { signUp } from './signup';
import { call, addContact, createAccount, join, sendRound } from './api';
import { violations } from './axe';

// Three customers of three accounts say the report is not useful; the organisation's
// leader finds it among the suggestions, takes it up, moves the initiative through its
// statuses to done and reads the dated history of who moved it. Another organisation's
// leader makes an initiative by hand and edits it; its member only reads it.

const stamp = Date.now();
const admin = {
  organisation: `Initiative Agency ${stamp}`,
  name: 'Aino Admin',
  email: `initiatives.admin.${stamp}@example.com`,
  password: 'admin password long enough',
};
const leader = { name: 'Lauri Leader', email: `initiatives.leader.${stamp}@example.com`, password: 'leader password long enough' };
const complaint = 'The report was not useful.';

/** An account whose one contact answers a round with NPS 5 and the complaint. */
async function complainingAccount(request: APIRequestContext, name: string) {
  const account = await createAccount(request, { name });
  const contact = await addContact(request, account.id, { name: `Customer of ${name}`, email: `customer.${stamp}@${account.id}.example` });
  const round = await sendRound(request, account.id, contact.id);
  const token = new URL(round.links[0].link, 'http://x').pathname.split('/').pop();
  const score = (question_id: string, score: number) => ({ question_id, score, choice: null, text: null });
  const reply = await request.post(`/api/v1/survey/${token}/submit`, {
    data: {
      answers: [
        score('nps', 5),
        score('quality', 3),
        score('communication', 3),
        score('schedule', 3),
        score('understanding', 3),
        score('value', 3),
        { question_id: 'do_differently', score: null, choice: null, text: complaint },
      ],
    },
  });
  expect(reply.ok(), await reply.text()).toBeTruthy();
}

test('a leader turns a suggestion into an initiative and marks it done', async ({ browser }) => {
  const adminContext = await browser.newContext({ locale: 'en-GB' });
  const adminPage = await adminContext.newPage();
  await signUp(adminPage, admin);
  for (const name of ['Alpha', 'Beta', 'Gamma']) {
    await complainingAccount(adminPage.request, `${name} ${stamp}`);
  }
  const leaderContext = await browser.newContext({ locale: 'en-GB' });
  const page = await leaderContext.newPage();
  await join(adminPage.request, page.request, leader, 'leader');

  await page.goto('/');
  await page.getByRole('navigation').getByRole('link', { name: 'Initiatives' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Initiatives');
  await expect(page.getByTestId('initiatives-empty')).toBeVisible();
  const suggestion = page.getByTestId('suggestion').filter({ hasText: 'Theme: Reporting' });
  await expect(suggestion).toContainText('3 answers and 0 counter-feedback in 3 accounts');
  await expect(suggestion).toContainText(complaint);
  await suggestion.getByTestId('suggestion-take-up').click();

  await expect(page).toHaveURL(/\/initiatives\/[^/]+$/);
  await expect(page.getByTestId('initiative-title')).toHaveText('Reporting');
  await expect(page.getByTestId('initiative-status')).toHaveText('Proposed');
  await expect(page.getByText(complaint).first()).toBeVisible();

  await page.getByTestId('initiative-to-planned').click();
  await expect(page.getByTestId('initiative-status')).toHaveText('Planned');
  await page.getByLabel('Note for the history (optional)').fill('Started with the biggest accounts');
  await page.getByTestId('initiative-to-in_progress').click();
  await expect(page.getByTestId('initiative-status')).toHaveText('In progress');
  await page.getByTestId('initiative-to-done').click();
  await expect(page.getByTestId('initiative-status')).toHaveText('Done');

  const history = page.getByTestId('initiative-history').getByRole('listitem');
  await expect(history).toHaveCount(4);
  await expect(history.nth(0)).toContainText(`Proposed — ${leader.name}`);
  await expect(history.nth(2)).toContainText(`In progress — ${leader.name}`);
  await expect(history.nth(2)).toContainText('Started with the biggest accounts');
  await expect(history.nth(3)).toContainText(`Done — ${leader.name}`);
  // Done is final: no further step is offered, and the check waits for its window.
  await expect(page.getByTestId('initiative-to-dropped')).toHaveCount(0);
  await expect(page.getByTestId('initiative-verdict')).toContainText('Waiting');
  // Its check window is fixed now: the edit form says so and leaves it alone.
  await page.getByTestId('initiative-edit').click();
  const fixedWindow = page.getByTestId('initiative-form').getByLabel('Check window (days)');
  await expect(fixedWindow).toBeDisabled();
  await expect(fixedWindow).toHaveValue('90');
  await expect(page.getByText('The initiative is done, so its check window is fixed')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('initiative-form')).toHaveCount(0);
  await expect(page.getByTestId('initiative-status')).toHaveText('Done');

  // The suggestion is covered now; the list shows the initiative as done.
  await page.getByRole('link', { name: 'All initiatives' }).click();
  await expect(page.getByTestId('suggestion').filter({ hasText: 'Theme: Reporting' })).toHaveCount(0);
  await expect(page.getByTestId('initiative-row').filter({ hasText: 'Reporting' }).getByTestId('initiative-status')).toHaveText('Done');
});

test('a leader creates an initiative by hand and edits it; a member only reads it', async ({ browser }) => {
  const founder = { ...admin, organisation: `Hand Agency ${stamp}`, email: `initiatives.hand.admin.${stamp}@example.com` };
  const lead = { ...leader, email: `initiatives.hand.leader.${stamp}@example.com` };
  const member = { name: 'Mikko Member', email: `initiatives.hand.member.${stamp}@example.com`, password: 'member password long enough' };
  const adminContext = await browser.newContext({ locale: 'en-GB' });
  const adminPage = await adminContext.newPage();
  await signUp(adminPage, founder);
  const account = `Delta ${stamp}`;
  await createAccount(adminPage.request, { name: account });
  await createAccount(adminPage.request, { name: `Epsilon ${stamp}` });
  const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  await join(adminPage.request, page.request, lead, 'leader');
  const memberPage = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  const memberId = (await join(adminPage.request, memberPage.request, member, 'member')).user.id;

  await page.goto('/initiatives');
  await page.getByTestId('initiative-new').click();
  const form = page.getByTestId('initiative-form');
  const title = form.getByLabel('Title', { exact: true });
  const owner = form.getByLabel('Owner', { exact: true });
  const checkWindow = form.getByLabel('Check window (days)');
  await expect(checkWindow).toHaveValue('90');
  await expect(form.getByText('30 to 365 days, 90 unless you change it')).toBeVisible();
  expect(await violations(page), 'the new-initiative form').toEqual([]);
  // The app itself refuses an empty title, beside the field.
  await form.getByRole('button', { name: 'Create initiative' }).click();
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('alert').filter({ hasText: 'This field is required.' })).toBeVisible();

  await title.fill('Monthly reports customers can use');
  await form.getByLabel('Description', { exact: true }).fill('One report a month, written for the customer.');
  await owner.selectOption({ label: member.name });
  await form.getByTestId('initiative-topics').getByLabel('Reporting', { exact: true }).check();
  await form.getByTestId('initiative-accounts').getByLabel(account, { exact: true }).check();
  await form.getByRole('button', { name: 'Create initiative' }).click();

  await expect(page).toHaveURL(/\/initiatives\/[^/]+$/);
  const address = new URL(page.url()).pathname;
  await expect(page.getByTestId('initiative-title')).toHaveText('Monthly reports customers can use');
  await expect(page.getByTestId('initiative-status')).toHaveText('Proposed');
  await expect(page.getByText('Theme: Reporting')).toBeVisible();
  await expect(page.getByTestId('initiative-owner')).toContainText(`Owner: ${member.name}`);
  await expect(page.getByTestId('initiative-description')).toHaveText('One report a month, written for the customer.');
  await expect(page.getByRole('link', { name: account })).toBeVisible();

  // Edited: the form opens with its values; the page shows the saved title.
  await page.getByTestId('initiative-edit').click();
  await expect(title).toHaveValue('Monthly reports customers can use');
  await expect(owner).toHaveValue(memberId);
  await expect(form.getByTestId('initiative-topics').getByLabel('Reporting', { exact: true })).toBeChecked();
  await expect(form.getByTestId('initiative-accounts').getByLabel(account, { exact: true })).toBeChecked();
  await expect(checkWindow).toBeEnabled();
  expect(await violations(page), 'the edit form').toEqual([]);
  await title.fill('Reports customers can use');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('initiative-title')).toHaveText('Reports customers can use');
  await expect(form).toHaveCount(0);
  await expect(page.getByText('Theme: Reporting')).toBeVisible();
  // Cancel leaves it as it was.
  await page.getByTestId('initiative-edit').click();
  await title.fill('Something else');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('initiative-title')).toHaveText('Reports customers can use');

  // The member reads it, with no form and no edit button.
  await memberPage.goto('/initiatives');
  await expect(memberPage.getByTestId('initiative-row').filter({ hasText: 'Reports customers can use' })).toBeVisible();
  await expect(memberPage.getByTestId('initiative-new')).toHaveCount(0);
  await memberPage.goto(address);
  await expect(memberPage.getByTestId('initiative-title')).toHaveText('Reports customers can use');
  await expect(memberPage.getByTestId('initiative-owner')).toContainText(member.name);
  await expect(memberPage.getByTestId('initiative-edit')).toHaveCount(0);

  // The owner leaves while the form is open: the server refuses, beside the owner.
  await page.getByTestId('initiative-edit').click();
  await expect(owner).toHaveValue(memberId);
  await call(adminPage.request, 'patch', `/api/v1/users/${memberId}`, { active: false });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(owner).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('#initiative-owner-error')).toHaveText('Choose someone who is an active user of the organisation.');
  await expect(form.getByRole('alert').first()).toContainText('Some details need fixing');
  await owner.selectOption({ label: lead.name });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('initiative-owner')).toContainText(`Owner: ${lead.name}`);
});
