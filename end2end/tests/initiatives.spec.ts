import { expect, test, type APIRequestContext } from '@playwright/test';
import { signUp } from './signup';
import { call, addContact, createAccount, sendRound } from './api';

// Three customers of three accounts say the report is not useful; the organisation's
// leader finds it among the suggestions, takes it up, moves the initiative through its
// statuses to done and reads the dated history of who moved it.

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
  const invitation = await call(adminPage.request, 'post', '/api/v1/invitations', { email: leader.email, role: 'leader' });
  const leaderContext = await browser.newContext({ locale: 'en-GB' });
  const page = await leaderContext.newPage();
  await call(page.request, 'post', '/api/v1/invitations/accept', {
    token: new URL(invitation.link, 'http://x').pathname.split('/').pop(),
    name: leader.name,
    password: leader.password,
    language: 'en',
  });

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

  // The suggestion is covered now; the list shows the initiative as done.
  await page.getByRole('link', { name: 'All initiatives' }).click();
  await expect(page.getByTestId('suggestion').filter({ hasText: 'Theme: Reporting' })).toHaveCount(0);
  await expect(page.getByTestId('initiative-row').filter({ hasText: 'Reporting' }).getByTestId('initiative-status')).toHaveText('Done');
});
