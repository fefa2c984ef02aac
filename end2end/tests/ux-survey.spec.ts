import { expect, test, type Page } from '@playwright/test';
import { phone, sendSurvey } from './customer';

// What a customer sees on a 360 px phone: the survey's name as the heading, one
// language in the tab, how long it takes, required questions marked once, NPS buttons
// big enough for a thumb with their ends read out, every missing answer flagged at
// once, and one calm line when the connection drops while sending.

const question = (page: Page, id: string) => page.locator(`[data-question="${id}"]`);

async function pick(page: Page, id: string, score: number) {
  await question(page, id).locator('label').filter({ hasText: new RegExp(`^${score}$`) }).click();
}

test('a Finnish customer on a phone reads a survey addressed to them politely', async ({ browser }) => {
  const sent = await sendSurvey(browser, { language: 'fi', stage: 'delivery' });
  await sent.context.close();
  const context = await browser.newContext({ ...phone, locale: 'fi-FI' });
  const page = await context.newPage();
  await page.goto(sent.link);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Asiakassuhdekysely');
  await expect(page).toHaveTitle(`Asiakassuhdekysely – ${sent.organisation}`);
  // Six scales and three open questions.
  await expect(page.getByText('Vastaaminen vie noin 3 minuuttia.')).toBeVisible();
  await expect(page.getByText('Tähdellä (*) merkittyihin kysymyksiin pyydämme vastauksen.')).toHaveCount(1);
  await expect(page.getByText(/pakollinen|vapaaehtoinen/)).toHaveCount(0);

  // Te-form, and the organisation's name is never given a Finnish case ending.
  const nps = question(page, 'nps');
  await expect(nps.locator('legend')).toContainText('Kuinka todennäköisesti suosittelisitte meitä');
  await expect(page.locator('body')).not.toContainText(`${sent.organisation}:`);
  await expect(page.getByText('Vastauksenne tallentuvat sitä mukaa kuin vastaatte.')).toBeVisible();

  // NPS: 0–10 in two rows, every target at least 44 × 44 px, and no sideways scrolling.
  const options = nps.locator('.scale-option span');
  await expect(options).toHaveCount(11);
  for (let i = 0; i < 11; i++) {
    const box = (await options.nth(i).boundingBox())!;
    expect(box.width, `NPS ${i} wide enough`).toBeGreaterThanOrEqual(44);
    expect(box.height, `NPS ${i} tall enough`).toBeGreaterThanOrEqual(44);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // The scale's ends are read out with the question, not hidden from screen readers.
  await expect(nps).toHaveAccessibleDescription(/0 = Ei lainkaan todennäköistä.*10 = Erittäin todennäköistä/);
  await expect(question(page, 'quality')).toHaveAccessibleDescription(/1 = Heikosti.*5 = Erinomaisesti/);

  // Sending too early flags every unanswered required question and goes to the first.
  await pick(page, 'quality', 4);
  await page.getByRole('button', { name: 'Lähetä vastaukset' }).click();
  await expect(page.getByTestId('unanswered')).toHaveText('5 kysymystä odottaa vielä vastausta. Ne on merkitty yllä.');
  for (const id of ['nps', 'communication', 'schedule', 'understanding', 'value']) {
    await expect(question(page, id)).toContainText('Vastatkaa vielä tähän kysymykseen.');
  }
  await expect(question(page, 'quality')).not.toContainText('Vastatkaa');
  await expect(nps).toBeFocused();

  // Answering clears each flag; offline, sending says one calm thing and waits.
  await pick(page, 'nps', 8);
  await expect(nps).not.toContainText('Vastatkaa');
  for (const id of ['communication', 'schedule', 'understanding', 'value']) {
    await pick(page, id, 4);
  }
  await expect(page.getByTestId('unanswered')).toBeHidden();
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Lähetä vastaukset' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Vastauksenne on tallessa tällä laitteella, ja se lähtee, kun yhteys taas toimii.',
  );
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
  await context.setOffline(false);
  await expect(page.getByRole('heading', { name: 'Kiitos vastauksestanne!' })).toBeVisible();
  await expect(page.getByText('Kerromme teille, mitä teimme.')).toBeVisible();
  await context.close();
});

test('an expectations survey asks how important, and its ends can be reworded', async ({ browser }) => {
  const sent = await sendSurvey(browser, { language: 'en', stage: 'sales' });
  const context = await browser.newContext({ ...phone, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(sent.link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Expectations survey');
  await expect(page).toHaveTitle(`Expectations survey – ${sent.organisation}`);
  const quality = question(page, 'importance_quality');
  await expect(quality).toHaveAccessibleDescription(/1 = Not important at all.*5 = Very important/);
  await expect(page.locator('body')).not.toContainText(/Poor|Excellent/);
  await context.close();

  // The admin finds the ends in the template editor, rewords one and sees it in the preview.
  const { admin, context: adminContext } = sent;
  await admin.goto('/settings/surveys');
  const template = admin.getByTestId('template-expectations');
  const first = template.getByTestId('question-editor').first();
  const highEnd = first.getByRole('group', { name: 'The highest score means' });
  await expect(highEnd.getByLabel('English')).toHaveValue('Very important');
  await expect(first.getByRole('group', { name: 'The lowest score means' }).getByLabel('Suomi')).toHaveValue(
    'Ei lainkaan tärkeää',
  );
  await highEnd.getByLabel('English').fill('Essential');
  const [preview] = await Promise.all([
    adminContext.waitForEvent('page'),
    template.getByRole('button', { name: 'Preview as a customer' }).click(),
  ]);
  await expect(preview.locator('[data-question="importance_quality"]')).toHaveAccessibleDescription(/5 = Essential/);
  await adminContext.close();
});
