import { expect, type Page } from '@playwright/test';

export interface NewOrganisation {
  organisation: string;
  name: string;
  email: string;
  password: string;
}

/** Signs up a new organisation through the form and waits for the home page. */
export async function signUp(page: Page, who: NewOrganisation) {
  await page.goto('/signup');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create your Kaiku account');
  await page.getByLabel('Organisation name').fill(who.organisation);
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** Leena Leader of the demo organisation (the e2e server starts with it); she uses
 * Kaiku in Finnish. */
const demoLeader = { email: 'leader@demo.kaiku.test', password: 'kaiku-demo-2026' };

/** Logs in as the demo organisation's leader and waits for the home page. */
export async function logInAsDemoLeader(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(demoLeader.email);
  await page.getByLabel('Password', { exact: true }).fill(demoLeader.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/$/);
}
