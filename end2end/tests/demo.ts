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

/** The demo organisation's people, one per role and language (see the server's seed). */
export const demoPeople = {
  admin: { email: 'admin@demo.kaiku.test', language: 'en' },
  leader: { email: 'leader@demo.kaiku.test', language: 'fi' },
  memberFi: { email: 'matti@demo.kaiku.test', language: 'fi' },
  memberEn: { email: 'mia@demo.kaiku.test', language: 'en' },
} as const;

/** Logs one of the demo people in and waits for their home page. */
export async function logInAsDemo(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(demoLeader.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/$/);
}
