import { expect, test, type Page } from '@playwright/test';
import { signUp } from './signup';
import { call, addContact, createAccount, sendRound } from './api';

// A customer answers; the account's team member gets a counter-feedback request,
// fills it in on the train (offline, with a reload in the middle), the draft survives,
// it syncs once back online, and the leader sees it on the account.
const stamp = Date.now();
const leader = {
  organisation: `Counter Agency ${stamp}`,
  name: 'Leena Leader',
  email: `cf.leader.${stamp}@example.com`,
  password: 'leader password long enough',
};
const member = { name: 'Mikko Member', email: `cf.member.${stamp}@example.com`, password: 'member password long enough' };
const account = `Initech ${stamp}`;
const point = 'Toivoisin viikkoraportin joka perjantai.';
// Taken for a development point too, but the team knows it is none.
const notAPoint = 'Voisitteko soittaa ensi viikolla?';

async function memberJoins(leaderPage: Page, memberPage: Page): Promise<string> {
  const invitation = await call(leaderPage.request, 'post', '/api/v1/invitations', { email: member.email, role: 'member' });
  const token = new URL(invitation.link, 'http://x').pathname.split('/').pop();
  const session = await call(memberPage.request, 'post', '/api/v1/invitations/accept', {
    token,
    name: member.name,
    password: member.password,
    language: 'en',
  });
  return session.user.id;
}

test('a member gives counter-feedback offline and the leader sees it', async ({ browser }) => {
  const leaderContext = await browser.newContext({ locale: 'en-GB' });
  const leaderPage = await leaderContext.newPage();
  await signUp(leaderPage, leader);
  const memberContext = await browser.newContext({ locale: 'en-GB' });
  const memberPage = await memberContext.newPage();
  const memberId = await memberJoins(leaderPage, memberPage);

  // The account, with the member on its team, and a customer who answered.
  // The leader leads it, so both are asked for their view of the customer's answer.
  const me = await (await leaderPage.request.get('/api/v1/auth/me')).json();
  const created = await createAccount(leaderPage.request, { name: account, lead_id: me.user.id, team_ids: [memberId] });
  const contact = await addContact(leaderPage.request, created.id, { name: 'Maija Virtanen', email: `maija.${stamp}@initech.example`, title: 'CTO', language: 'fi' });
  const round = await sendRound(leaderPage.request, created.id, contact.id);
  const token = round.links[0].link.split('/').pop();
  const score = (question_id: string, value: number) => ({ question_id, score: value, choice: null, text: null });
  const customer = await browser.newContext();
  const submitted = await customer.request.post(`/api/v1/survey/${token}/submit`, {
    data: {
      answers: [
        score('nps', 9), score('quality', 4), score('communication', 2), score('schedule', 3),
        score('understanding', 4), score('value', 4),
        { question_id: 'do_differently', score: null, choice: null, text: `En ole tyytyväinen raportointiin. ${point} ${notAPoint}` },
      ],
    },
  });
  expect(submitted.ok()).toBeTruthy();

  // The member sees the request, with its count in the nav and the development point marked.
  await memberPage.goto('/requests');
  await expect(memberPage.getByTestId('request-count')).toHaveText('1');
  await memberPage.getByTestId('request').getByRole('link', { name: account }).click();
  await expect(memberPage.getByRole('heading', { level: 1 })).toContainText(account);
  // The request names the account as a link to it, and when the answer is due.
  await expect(memberPage.getByTestId('request-account')).toHaveAttribute('href', `/accounts/${created.id}`);
  await expect(memberPage.getByTestId('due')).toHaveText(/^due \d{1,2} [A-Z][a-z]{2} \d{4}$/);
  await expect(memberPage.getByTestId('request-answered-by')).toHaveCount(0);
  await expect(memberPage.locator('mark.development-point')).toHaveText([point, notAPoint]);
  await expect(memberPage.getByTestId('analysis').first()).toContainText('Negative');

  // The app shell is in the service worker's cache before the train leaves.
  await memberPage.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => memberPage.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  // On the train: offline, filling the form, a reload in the middle.
  await memberContext.setOffline(true);
  await memberPage.getByRole('radio', { name: '2' }).check();
  await memberPage.getByRole('radio', { name: 'High' }).check();
  await memberPage.getByLabel("Customer's voice lost inside the firm").check();
  await memberPage.getByLabel('What is going on behind the scenes').fill('Their new CTO is consolidating vendors.');
  await memberPage.getByRole('button', { name: 'Add a change' }).click();
  await memberPage.getByLabel('Change', { exact: true }).fill('Weekly report every Friday');
  // The change answers the customer's point; the points came with the page, so offline too.
  const answers = memberPage.getByLabel("Answers the customer's development point");
  await answers.selectOption({ label: point });
  await expect(memberPage.getByText('Draft saved on this device.')).toBeVisible();

  await memberPage.reload();
  await expect(memberPage.getByRole('heading', { level: 1 })).toContainText(account);
  expect(await memberPage.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(memberPage.getByTestId('offline-banner')).toBeVisible();
  await expect(memberPage.getByTestId('request-as-of')).toBeVisible();
  await expect(memberPage.getByLabel('What is going on behind the scenes')).toHaveValue('Their new CTO is consolidating vendors.');
  await expect(memberPage.getByLabel('Change', { exact: true })).toHaveValue('Weekly report every Friday');
  await expect(answers.locator('option:checked')).toHaveText(point);
  await expect(memberPage.getByRole('radio', { name: 'High' })).toBeChecked();
  await memberPage.getByLabel('Notes').fill('Written offline.');
  await memberPage.getByRole('button', { name: 'Save and send when online' }).click();
  await expect(memberPage.getByTestId('cf-sent')).toContainText('sent as soon as there is a connection');
  await expect(memberPage.getByText('1 change waiting to sync')).toBeVisible();

  // Back online: it syncs by itself.
  await memberContext.setOffline(false);
  await expect(memberPage.getByText(/All changes synced/)).toBeVisible({ timeout: 15_000 });
  await expect(memberPage.getByTestId('cf-sent')).toContainText('your counter-feedback is saved');
  // The page fetched itself again: the "may be out of date" banner is gone.
  await expect(memberPage.getByTestId('request-as-of')).toHaveCount(0);
  await expect(memberPage.getByTestId('due')).toHaveCount(0);

  // The leader's own request on the same answer says the member already answered.
  const leaderRequests = await (await leaderPage.request.get('/api/v1/counter-feedback/requests')).json();
  expect(leaderRequests.open).toHaveLength(1);
  await leaderPage.goto(`/requests/${leaderRequests.open[0].id}`);
  await expect(leaderPage.getByTestId('request-answered-by')).toHaveText(`Already answered by a colleague: ${member.name}`);

  // The leader sees it on the account, once, with the action it proposed.
  await leaderPage.goto(`/accounts/${created.id}`);
  const given = leaderPage.getByTestId('counter-feedback');
  await expect(given).toHaveCount(1);
  await expect(given).toContainText(member.name);
  await expect(given).toContainText('Their new CTO is consolidating vendors.');
  await expect(given).toContainText('High');
  await expect(leaderPage.getByTestId('action')).toContainText('Weekly report every Friday');
  // The change answered the point: it has its action and left "what to do next".
  const answered = leaderPage.getByTestId('development-point').filter({ hasText: point });
  await expect(answered.getByTestId('point-action')).toContainText('Weekly report every Friday');
  const steps = leaderPage.getByTestId('next-steps').getByTestId('next-step');
  await expect(steps.filter({ hasText: point })).toHaveCount(0);
  // The other "point" is none: dismissing it asks first, and a cancel keeps it.
  const other = steps.filter({ hasText: notAPoint });
  leaderPage.once('dialog', (dialog) => dialog.dismiss());
  await other.getByTestId('not-a-point').click();
  await expect(other).toBeVisible();
  leaderPage.once('dialog', (dialog) => dialog.accept());
  await other.getByTestId('not-a-point').click();
  await expect(other).toHaveCount(0);
  await expect(leaderPage.getByTestId('development-point').filter({ hasText: notAPoint })).toHaveCount(0);
  await leaderPage.reload();
  await expect(leaderPage.getByTestId('development-point')).toHaveCount(1);
  // The customer said 9/10; the team says high risk: the health shows it and why.
  const health = leaderPage.getByTestId('account-health');
  await expect(health.getByTestId('health-band')).toHaveText('High');
  await expect(health.getByTestId('health-gap')).toContainText('much happier than the team');
  await expect(health.getByTestId('health-factor').filter({ hasText: "Team's churn risk" })).toBeVisible();
  // And the member's request is answered.
  await memberPage.goto('/requests');
  await expect(memberPage.getByText('No requests waiting for you.')).toBeVisible();
});

test('an action edited offline while a colleague changed it asks which version stays', async ({ browser }) => {
  const lead = { ...leader, organisation: `Conflict Agency ${stamp}`, email: `conflict.leader.${stamp}@example.com` };
  const leaderContext = await browser.newContext({ locale: 'en-GB' });
  const leaderPage = await leaderContext.newPage();
  await signUp(leaderPage, lead);
  const memberContext = await browser.newContext({ locale: 'en-GB' });
  const memberPage = await memberContext.newPage();
  const memberEmail = `conflict.member.${stamp}@example.com`;
  const invitation = await call(leaderPage.request, 'post', '/api/v1/invitations', { email: memberEmail, role: 'member' });
  const session = await call(memberPage.request, 'post', '/api/v1/invitations/accept', {
    token: new URL(invitation.link, 'http://x').pathname.split('/').pop(),
    name: member.name,
    password: member.password,
    language: 'en',
  });
  const created = await createAccount(leaderPage.request, { name: `Umbrella ${stamp}`, segments: [], stage: 'delivery', annual_value_eur: 50000, lead_id: null, team_ids: [session.user.id], start_date: '2026-01-01', end_date: null, notes: '' });
  // The leader's counter-feedback proposes one change: an open action.
  const counterFeedback = {
    account: created.id, request: null, health: 3, churn_risk: 'low', churn_causes: [], behind_the_scenes: '',
    changes: [{ text: 'Monthly steering meeting', owner: null, due: null }], further_needs: '', notes: '',
  };
  await call(leaderPage.request, 'post', '/api/v1/sync', {
    mutations: [{ id: `00000000-0000-4000-8000-${String(stamp).slice(-12)}`, kind: 'submit_counter_feedback', counter_feedback: counterFeedback, action_edit: null }],
  });

  // The member, offline, marks it done; meanwhile the leader renames it.
  await memberPage.goto(`/accounts/${created.id}`);
  const action = memberPage.getByTestId('action');
  await expect(action).toContainText('Monthly steering meeting');
  await memberContext.setOffline(true);
  await action.getByRole('button', { name: 'Mark done' }).click();
  await expect(memberPage.getByText('1 change waiting to sync')).toBeVisible();
  const [current] = await (await leaderPage.request.get(`/api/v1/accounts/${created.id}/actions`)).json();
  await call(leaderPage.request, 'post', '/api/v1/sync', {
    mutations: [{ id: `00000000-0000-4000-9000-${String(stamp).slice(-12)}`, kind: 'edit_action', counter_feedback: null,
      action_edit: { action: current.id, base_revision: current.revision, text: 'Steering meeting every two weeks', owner: null, due: null, status: 'open' } }],
  });

  // Back online: the member's change conflicts, and both versions are shown.
  await memberContext.setOffline(false);
  await memberPage.getByRole('button', { name: '1 change needs your decision' }).click();
  await expect(memberPage.getByText('Your version')).toBeVisible();
  await expect(memberPage.getByText('Steering meeting every two weeks')).toBeVisible();
  await expect(memberPage.getByText(/All changes synced/)).toHaveCount(0);
  await memberPage.getByRole('button', { name: 'Keep mine' }).click();
  await expect(memberPage.getByText(/All changes synced/)).toBeVisible({ timeout: 15_000 });

  const actionNow = async () => (await (await leaderPage.request.get(`/api/v1/accounts/${created.id}/actions`)).json())[0];
  await expect.poll(async () => (await actionNow()).status, { timeout: 15_000 }).toBe('done');
  expect((await actionNow()).revision).toBe(3);
  await expect(memberPage.getByTestId('action')).toContainText('Done');
});
