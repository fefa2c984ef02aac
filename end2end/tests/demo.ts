import { expect, type Page } from '@playwright/test';

// The demo organisation's leader (the e2e server starts with the demo seeded). Leena
// Leader uses Kaiku in Finnish; the login page is in English before login.
export const demoLeader = { email: 'leader@demo.kaiku.test', password: 'kaiku-demo-2026' };

export async function logInAsDemoLeader(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(demoLeader.email);
  await page.getByLabel('Password', { exact: true }).fill(demoLeader.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/$/);
}
