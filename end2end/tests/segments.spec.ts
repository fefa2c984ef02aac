import { expect, test, type APIRequestContext } from '@playwright/test';
import { signUp } from './signup';
import { addContact, call, createAccount, join } from './api';
import { violations } from './axe';

// Six accounts say in their expectations survey what matters most to them: three put
// quality of work first, three value for money. The admin finds the proposed grouping
// from the heatmap, names the two groups, moves one account by hand, adopts them and
// reads the two segments side by side; the heatmap's totals then count them. A leader
// reads the same page but cannot adopt.

const stamp = Date.now();
const admin = {
  organisation: `Segment Agency ${stamp}`,
  name: 'Aada Admin',
  email: `segments.admin.${stamp}@example.com`,
  password: 'admin password long enough',
};
const leader = { name: 'Leo Leader', email: `segments.leader.${stamp}@example.com`, password: 'leader password long enough' };
const aspects = ['quality', 'communication', 'schedule', 'understanding', 'value'];

/** An account whose one contact answered the expectations survey: `first` matters 5, `last` 1. */
async function accountStating(request: APIRequestContext, name: string, first: string, last: string) {
  const account = await createAccount(request, { name, segments: ['Uusimaa'] });
  const contact = await addContact(request, account.id, { name: `Customer of ${name}`, email: `c.${stamp}@${account.id}.example` });
  const round = await call(request, 'post', `/api/v1/accounts/${account.id}/rounds`, {
    template_id: 'expectations',
    contact_ids: [contact.id],
  });
  const token = new URL(round.links[0].link, 'http://x').pathname.split('/').pop();
  const score = (aspect: string) => (aspect === first ? 5 : aspect === last ? 1 : 3);
  const answers = aspects.map((aspect) => ({ question_id: `importance_${aspect}`, score: score(aspect), choice: null, text: null }));
  const reply = await request.post(`/api/v1/survey/${token}/submit`, { data: { answers } });
  expect(reply.ok(), await reply.text()).toBeTruthy();
}

test('an admin adopts need segments from the proposal and reads them side by side', async ({ browser }) => {
  const adminContext = await browser.newContext({ locale: 'en-GB' });
  const page = await adminContext.newPage();
  await signUp(page, admin);
  for (const n of [1, 2, 3]) {
    await accountStating(page.request, `Quality ${n} ${stamp}`, 'quality', 'value');
    await accountStating(page.request, `Price ${n} ${stamp}`, 'value', 'quality');
  }

  await page.goto('/heatmap');
  await page.getByRole('link', { name: 'Segments by need →' }).click();
  await expect(page).toHaveURL(/\/segments$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Segments by need');
  await expect(page.getByTestId('segments-in-use')).toContainText('No need segments are in use yet.');

  const groups = page.getByTestId('proposed-segment');
  await expect(groups).toHaveCount(2);
  const quality = groups.filter({ hasText: `Quality 1 ${stamp}` });
  await expect(quality).toContainText('quality of work matters more: 5.0 against 3.0 on average');
  await expect(quality).toContainText('value for money matters less: 1.0 against 3.0 on average');
  await expect(quality.getByLabel('Segment name')).toHaveValue('quality of work');
  await quality.getByLabel('Segment name').fill('Quality first');
  const price = groups.filter({ hasText: `Price 1 ${stamp}` });
  await price.getByLabel('Segment name').fill('Price-conscious');

  // One price account moves into the quality group by hand.
  // The groups' numbers follow the accounts' ids, which differ every run: by name.
  const move = price.getByLabel(`Group of Price 3 ${stamp}`);
  const toQuality = await move.locator('option', { hasText: 'Quality first' }).getAttribute('value');
  await move.selectOption(toQuality!);
  await expect(quality.getByTestId('segment-accounts').getByRole('listitem')).toHaveCount(4);
  await expect(price.getByTestId('segment-accounts').getByRole('listitem')).toHaveCount(2);

  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('Adopt 2 segments?');
    dialog.accept();
  });
  await page.getByRole('button', { name: 'Adopt these segments' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The segments are in use.' })).toBeVisible();

  const compare = page.getByTestId('segments-in-use');
  await expect(compare.getByRole('columnheader')).toHaveText(['All accounts', 'Price-conscious', 'Quality first']);
  await expect(compare.getByRole('row', { name: /^Accounts/ })).toHaveText(/Accounts\s*6\s*2\s*4/);
  await expect(compare.getByRole('row', { name: /^What sets it apart/ })).toContainText('quality of work matters more');
  expect(await violations(page)).toEqual([]);

  // A name that another segment already means is refused in the user's words.
  await page.getByTestId('proposed-segment').first().getByLabel('Segment name').fill('uusimaa');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Adopt these segments' }).click();
  await expect(page.getByText('Give each segment its own name, not one another segment already uses.')).toBeVisible();

  // The heatmap's totals count the adopted segments.
  await compare.getByRole('link', { name: 'Quality first' }).click();
  await expect(page).toHaveURL(/\/heatmap\?segment=Quality%20first/);
  await expect(page.getByTestId('heatmap-totals')).toContainText('Quality first');

  // A leader reads the segments but has nothing to adopt with.
  const leaderContext = await browser.newContext({ locale: 'en-GB' });
  const leaderPage = await leaderContext.newPage();
  await join(page.request, leaderPage.request, leader, 'leader');
  await leaderPage.goto('/segments');
  await expect(leaderPage.getByTestId('segments-in-use').getByRole('columnheader')).toHaveCount(3);
  await expect(leaderPage.getByTestId('proposed-segment')).toHaveCount(2);
  await expect(leaderPage.getByRole('button', { name: 'Adopt these segments' })).toHaveCount(0);
  await expect(leaderPage.getByLabel('Segment name')).toHaveCount(0);
});
