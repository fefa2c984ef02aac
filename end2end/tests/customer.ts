import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { signUp } from './signup';

export const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

export interface SentSurvey {
  /** The path of the contact's personal link, shown once after sending. */
  link: string;
  organisation: string;
  /** The organisation's admin, still logged in (close `context` when done). */
  admin: Page;
  context: BrowserContext;
}

/**
 * A new organisation (so the demo's accounts stay as they are) adds an account in
 * `stage` with one contact speaking `language` and sends them the stage's survey
 * (sales gets the expectations survey).
 */
export async function sendSurvey(
  browser: Browser,
  options: { language: 'fi' | 'en'; stage: 'sales' | 'delivery' },
): Promise<SentSurvey> {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const organisation = `Kysely Agency ${stamp}`;
  const context = await browser.newContext({ locale: 'en-GB' });
  const admin = await context.newPage();
  await signUp(admin, {
    organisation,
    name: 'Aila Admin',
    email: `kysely.${stamp}@example.com`,
    password: 'admin password long enough',
  });
  await admin.goto('/accounts/new');
  await admin.getByLabel('Name', { exact: true }).fill(`Asiakas ${stamp}`);
  await admin.getByLabel('Stage').selectOption(options.stage);
  await admin.getByLabel('Annual value (€)').fill('50000');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(`Asiakas ${stamp}`);
  const form = admin.getByTestId('contact-form');
  const email = `sanna.${stamp}@example.com`;
  await form.getByLabel('Name', { exact: true }).fill('Sanna Asiakas');
  await form.getByLabel('Email', { exact: true }).fill(email);
  await form.getByLabel('Language').selectOption(options.language);
  await form.getByRole('button', { name: 'Save' }).click();
  await admin.getByLabel(`Sanna Asiakas (${email})`).check();
  await admin.getByRole('button', { name: 'Send survey' }).click();
  const link = new URL(await admin.getByTestId('survey-link').first().inputValue()).pathname;
  return { link, organisation, admin, context };
}
