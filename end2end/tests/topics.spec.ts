import { expect, test } from '@playwright/test';
import { signUp } from './signup';
import { addContact, call, createAccount, join, sendRound } from './api';

// A customer complains about the reports. Olli owns the reporting theme though he is not
// on the account's team: he reads the words verbatim in "My topics", replies — and the
// admin reads the reply in the account's timeline beside the complaint — then proposes
// an initiative from the same item.

const stamp = Date.now();
const admin = {
  organisation: `Topic Agency ${stamp}`,
  name: 'Aili Admin',
  email: `topics.admin.${stamp}@example.com`,
  password: 'admin password long enough',
};
const owner = { name: 'Olli Owner', email: `topics.owner.${stamp}@example.com`, password: 'owner password long enough' };
const account = `Report Co ${stamp}`;
const complaint = 'The monthly reports are always late and the report figures are wrong.';
const reply = 'Analytics owns the reports now: from March they come on the third working day.';

test('a topic owner reads the words verbatim, replies into the timeline and proposes an initiative', async ({ browser }) => {
  const adminContext = await browser.newContext({ locale: 'en-GB' });
  const adminPage = await adminContext.newPage();
  await signUp(adminPage, admin);
  const created = await createAccount(adminPage.request, { name: account });
  const contact = await addContact(adminPage.request, created.id, { name: 'Carla Customer', email: `carla.${stamp}@report.example` });
  const round = await sendRound(adminPage.request, created.id, contact.id);
  const token = new URL(round.links[0].link, 'http://x').pathname.split('/').pop();
  const score = (question_id: string, score: number) => ({ question_id, score, choice: null, text: null });
  const submitted = await adminPage.request.post(`/api/v1/survey/${token}/submit`, {
    data: {
      answers: [
        ...['quality', 'communication', 'schedule', 'understanding', 'value'].map((id) => score(id, 3)),
        score('nps', 6),
        { question_id: 'do_differently', score: null, choice: null, text: complaint },
      ],
    },
  });
  expect(submitted.ok(), await submitted.text()).toBeTruthy();

  const ownerContext = await browser.newContext({ locale: 'en-GB' });
  const page = await ownerContext.newPage();
  const session = await join(adminPage.request, page.request, owner, 'member');
  await call(adminPage.request, 'put', '/api/v1/settings/topic-owners', {
    owners: [{ topic: { kind: 'theme', key: 'reporting' }, owner: session.user.id }],
  });

  await page.goto('/topics');
  const item = page.getByTestId('topic-item').filter({ hasText: account });
  await expect(item.getByTestId('topic-text')).toHaveText(complaint);
  await expect(item).toContainText('Carla Customer');

  await item.getByRole('button', { name: 'Reply' }).click();
  const send = item.getByRole('button', { name: 'Send reply' });
  await expect(send).toBeDisabled();
  await item.getByLabel("Your reply, for the account's team to read in its timeline").fill(reply);
  await send.click();
  await expect(item.getByRole('status')).toHaveText("Your reply is on the account's timeline.");

  // The admin reads it on the account's timeline, beside the words it answers.
  await adminPage.goto(`/accounts/${created.id}`);
  const shown = adminPage.getByTestId('timeline-reply');
  await expect(shown).toContainText('Olli Owner');
  await expect(shown).toContainText('replied as the owner of Reporting');
  await expect(shown).toContainText(`Carla Customer: ${complaint}`);
  await expect(shown).toContainText(reply);

  // From the same item, an initiative proposed by its owner.
  await item.getByRole('button', { name: 'Propose an initiative' }).click();
  await expect(page).toHaveURL(/\/initiatives\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Reporting: ${account}`);
  await expect(page.getByText('Proposed').first()).toBeVisible();
});
