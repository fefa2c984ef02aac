import { expect, test } from '@playwright/test';
import { demoPeople, logInAsDemo } from './demo';

// The team's month: a member reaches the digest from their home page (their menu
// keeps to their own work), reads the last month that is over, and goes back to the
// month the demo's leader started an initiative in (20 days ago, by the seed).

/** `2026-11` and "November 2026" of a moment, as the server counts months (UTC). */
function month(at: Date) {
  const label = `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
  const name = at.toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return { label, name };
}

test("a member reads the team's month from their home page", async ({ page }) => {
  await logInAsDemo(page, demoPeople.memberEn.email);
  const home = page.getByTestId('home-digest');
  await home.getByRole('link', { name: "Read the team's month" }).click();
  await expect(page).toHaveURL(/\/digest$/);

  const now = new Date();
  const last = month(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)));
  await expect(page.getByRole('heading', { level: 1, name: "The team's month" })).toBeVisible();
  await expect(page.getByTestId('digest-month')).toHaveText(last.name);
  await expect(page.getByTestId('digest-answers')).toContainText('Surveys answered:');
  for (const section of ['digest-started', 'digest-done', 'digest-praised', 'digest-recurring']) {
    await expect(page.getByTestId(section)).toBeVisible();
  }

  // The month before is one link away; the month the initiative started shows it.
  const before = month(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 15)));
  await page.getByRole('link', { name: `← ${before.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/digest\\?month=${before.label}$`));
  await expect(page.getByTestId('digest-month')).toHaveText(before.name);

  const started = month(new Date(now.getTime() - 20 * 86_400_000));
  await page.goto(`/digest?month=${started.label}`);
  await expect(page.getByTestId('digest-month')).toHaveText(started.name);
  const initiative = page.getByTestId('digest-started').getByRole('link').first();
  await expect(initiative).toHaveAttribute('href', /^\/initiatives\/[^/]+$/);
  await initiative.click();
  await expect(page).toHaveURL(/\/initiatives\/[^/]+$/);
});
