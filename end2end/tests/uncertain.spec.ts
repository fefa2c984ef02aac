import { expect, test } from '@playwright/test';
import { logInAsDemoLeader } from './demo';

// The team checks the analysis where it is unsure first: on an account of the demo
// organisation, the timeline narrows to the answers with an "uncertain" label and
// widens back. Leena Leader uses Kaiku in Finnish, so the test goes by test ids.

test('the timeline narrows to the answers whose analysis is uncertain, and back', async ({ page }) => {
  await logInAsDemoLeader(page);
  await page.goto('/heatmap');
  const rows = page.getByTestId('heatmap-row');
  await expect(rows.first()).toBeVisible();
  const accounts = await rows.evaluateAll((els) =>
    els.map((el) => el.closest('[data-account]')?.getAttribute('data-account')).filter((a) => a),
  );

  // The first account (by revenue at risk) whose answers are partly uncertain.
  let narrowed = false;
  for (const account of accounts.slice(0, 12)) {
    await page.goto(`/accounts/${account}`);
    const entries = page.getByTestId('timeline-entry');
    await expect(entries.first()).toBeVisible();
    const all = await entries.count();
    const uncertain = await entries.filter({ has: page.getByTestId('uncertain') }).count();
    if (uncertain === 0 || uncertain === all) continue;

    await page.getByTestId('uncertain-only').check();
    await expect(entries).toHaveCount(uncertain);
    for (let i = 0; i < uncertain; i++) {
      await expect(entries.nth(i).getByTestId('uncertain').first()).toBeVisible();
    }
    await page.getByTestId('uncertain-only').uncheck();
    await expect(entries).toHaveCount(all);
    narrowed = true;
    break;
  }
  expect(narrowed, 'a demo account with both sure and uncertain answers').toBe(true);
});
