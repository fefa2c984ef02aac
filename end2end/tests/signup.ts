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
