import { expect, test, type Locator } from '@playwright/test';
import { logInAsDemoLeader } from './demo';

// Leadership's heatmap on the demo organisation (the e2e server starts with it): the
// leader sorts by revenue at risk, filters a segment, reaches a cell with the keyboard
// alone and reads its evidence, opens the account and finds the customer's answer
// beside the team's counter-feedback with the gap flagged. Leena Leader uses Kaiku in
// Finnish, so the test goes by test ids and numbers.

/** `60 000 €` → 60000; `—` → NaN. */
function euros(text: string): number {
  return Number(text.replace(/[^\d-]/g, '') || 'NaN');
}

/** The texts of one column (`data-c`) in the rows now rendered, top to bottom. */
async function column(grid: Locator, c: number): Promise<string[]> {
  const rows = grid.getByTestId('heatmap-row');
  const count = await rows.count();
  const tops: { top: number; text: string }[] = [];
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const top = await row.evaluate((el) => el.getBoundingClientRect().top);
    tops.push({ top, text: (await row.locator(`[data-c="${c}"]`).innerText()).trim() });
  }
  return tops.sort((a, b) => a.top - b.top).map((t) => t.text);
}

const REVENUE_COLUMN = 9;
const GAP_COLUMN = 5;
const HEALTH_COLUMN = 1;

test('a leader reads the heatmap with the keyboard and opens an account where customer and team disagree', async ({
  page,
}) => {
  await logInAsDemoLeader(page);
  await page.goto('/heatmap');
  const grid = page.getByTestId('heatmap-grid');
  await expect(page.getByTestId('heatmap-count')).toContainText('40/40');
  // The portfolio above the grid: the accounts shown, their revenue and what of it is at
  // risk, with the change since the end of last month (Leena reads Finnish).
  await expect(page.getByTestId('portfolio-accounts')).toHaveText('40');
  expect(euros(await page.getByTestId('portfolio-revenue').innerText())).toBeGreaterThan(0);
  expect(euros(await page.getByTestId('portfolio-at-risk').innerText())).toBeGreaterThan(0);
  await expect(page.getByTestId('portfolio-at-risk-change')).toContainText('edellisen kuun lopusta');

  // Opens sorted by revenue at risk, most first; sorting away and back keeps that.
  const revenueHeader = page.getByTestId('heatmap-sort-revenue_at_risk').locator('xpath=..');
  await expect(revenueHeader).toHaveAttribute('aria-sort', 'descending');
  // A first click sorts worst first: for health (higher is better) the lowest score.
  await page.getByTestId('heatmap-sort-health').click();
  await expect(revenueHeader).toHaveAttribute('aria-sort', 'none');
  await expect(page.getByTestId('heatmap-sort-health').locator('xpath=..')).toHaveAttribute('aria-sort', 'ascending');
  const health = (await column(grid, HEALTH_COLUMN)).slice(0, 8).map((t) => Number(t.replace(/[^\d]/g, '') || 'NaN'));
  expect(health[0]).toBeLessThan(50);
  for (let i = 1; i < health.length; i++) {
    if (!Number.isNaN(health[i])) expect(health[i]).toBeGreaterThanOrEqual(health[i - 1]);
  }
  // NPS likewise: the lowest first.
  await page.getByTestId('heatmap-sort-nps').click();
  await expect(page.getByTestId('heatmap-sort-nps').locator('xpath=..')).toHaveAttribute('aria-sort', 'ascending');
  await page.getByTestId('heatmap-sort-revenue_at_risk').click();
  await expect(revenueHeader).toHaveAttribute('aria-sort', 'descending');
  const revenue = (await column(grid, REVENUE_COLUMN)).slice(0, 8).map(euros);
  expect(revenue[0]).toBeGreaterThan(0);
  for (let i = 1; i < revenue.length; i++) {
    if (!Number.isNaN(revenue[i])) expect(revenue[i]).toBeLessThanOrEqual(revenue[i - 1]);
  }

  // One segment: fewer accounts, and its totals beside those of all shown.
  await page.getByTestId('heatmap-filter-segment').selectOption('platform rebuild');
  await expect(page.getByTestId('heatmap-count')).not.toContainText('40/40');
  await expect(page.getByTestId('heatmap-total')).toHaveCount(2);
  await expect(page.getByTestId('heatmap-totals')).toContainText('platform rebuild');
  const shownInSegment = (await page.getByTestId('heatmap-count').innerText()).match(/(\d+)\/40/)![1];
  await expect(page.getByTestId('portfolio-accounts')).toHaveText(shownInSegment);
  await page.getByTestId('heatmap-filter-segment').selectOption('');
  await expect(page.getByTestId('heatmap-count')).toContainText('40/40');

  // The widest gap first: a customer who still says 9/10 to a worried team.
  await page.getByTestId('heatmap-sort-gap').click();
  await expect(page.getByTestId('heatmap-sort-gap').locator('xpath=..')).toHaveAttribute('aria-sort', 'descending');

  // From the search box the keyboard alone: Tab into the grid (one tab stop), down to
  // the first account's gap cell.
  await page.getByTestId('heatmap-search').focus();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => !!document.activeElement?.closest('[data-testid="heatmap-grid"]'))) break;
  }
  expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="heatmap-grid"]'))).toBe(true);
  // The tab stop is on the gap column's heading, where the last sort was made.
  await expect(page.locator(':focus')).toHaveAttribute('data-c', String(GAP_COLUMN));
  await page.keyboard.press('ArrowDown');
  // Focus moves once the row is rendered: wait for the first row's gap cell.
  const focused = page.locator('[data-r="1"] :focus');
  await expect(focused).toHaveAttribute('role', 'gridcell');
  await expect(focused).toHaveAttribute('data-c', String(GAP_COLUMN));
  const gap = Number((await focused.innerText()).replace(/[^\d]/g, ''));
  expect(gap).toBeGreaterThanOrEqual(30);
  const account = await focused.evaluate((el) => el.closest('[data-account]')!.getAttribute('data-account'));

  const evidence = page.getByTestId('heatmap-evidence');
  await expect(evidence.getByTestId('evidence-quote')).not.toBeEmpty();
  await expect(evidence.getByTestId('evidence-note')).not.toBeEmpty();

  // Enter opens the account: the customer's answer beside the team's reading of it.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/accounts/${account}$`));
  await expect(page.getByTestId('account-header')).toBeVisible();
  const flagged = page.getByTestId('timeline-entry').filter({ has: page.getByTestId('timeline-gap') }).first();
  await expect(flagged).toBeVisible();
  await expect(flagged.getByTestId('timeline-customer')).toBeVisible();
  await expect(flagged.getByTestId('timeline-team')).toBeVisible();
  await expect(flagged.getByTestId('timeline-customer')).toContainText(/NPS|9|10/);

  // Each NPS point says how many answers it rests on, and the table below agrees.
  const nps = page.getByTestId('nps-chart');
  const counts = nps.locator('.chart-count');
  expect(await counts.count()).toBeGreaterThan(0);
  expect(Number(await counts.last().textContent())).toBeGreaterThan(0);
  await expect(nps).toContainText('Luku pisteen vieressä kertoo, moneenko vastaukseen NPS perustuu');
  await nps.locator('summary').click();
  await expect(nps.locator('thead th')).toHaveText(['Kuukausi', 'NPS', 'Vastauksia']);

  // The customer's view beside the team's, two lines told apart by a key: in the latest
  // month they are as far apart as the gap that flagged the account.
  const views = page.getByTestId('views-chart');
  await expect(views.locator('.chart-key')).toContainText('Asiakkaan näkemys');
  await expect(views.locator('.chart-key')).toContainText('Tiimin näkemys');
  await expect(views.locator('rect.chart-point.is-second').first()).toBeAttached();
  await views.locator('summary').click();
  await expect(views.locator('thead th')).toHaveText(['Kuukausi', 'Asiakkaan näkemys', 'Tiimin näkemys']);
  const latest = views.locator('tbody tr').last().locator('td');
  const customer = Number(await latest.nth(0).textContent());
  const team = Number(await latest.nth(1).textContent());
  expect(Math.abs(customer - team - gap)).toBeLessThanOrEqual(1);
});

test('over time, months sort and open the account at that period, and the view downloads as CSV', async ({ page }) => {
  await logInAsDemoLeader(page);
  await page.goto('/heatmap');
  await page.getByTestId('heatmap-mode-time').click();
  const grid = page.getByTestId('heatmap-grid');
  await expect(grid.getByTestId('heatmap-cell').first()).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByTestId('heatmap-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^kaiku-heatmap-.*\.csv$/);
  const csv = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  const lines = text.trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^account,signal,/);
  expect(lines).toHaveLength(41);

  // The latest month sorts like any column: worst (for health, lowest) first, then highest first.
  const latest = page.locator('[data-testid^="heatmap-sort-period-"]').last();
  await latest.click();
  await expect(latest.locator('xpath=..')).toHaveAttribute('aria-sort', 'ascending');
  const c = Number(await latest.getAttribute('data-c'));
  const lowest = (await column(grid, c)).slice(0, 6).map((t) => Number(t.replace(/[^\d]/g, '') || 'NaN'));
  expect(lowest[0]).toBeLessThanOrEqual(lowest[5]);
  await latest.click();
  await expect(latest.locator('xpath=..')).toHaveAttribute('aria-sort', 'descending');
  const highest = (await column(grid, c)).slice(0, 6).map((t) => Number(t.replace(/[^\d]/g, '') || 'NaN'));
  expect(highest[0]).toBeGreaterThanOrEqual(highest[5]);

  // A month of the first account opens its page at that month.
  const cell = grid.getByTestId('heatmap-row').first().getByTestId('heatmap-cell').last();
  await cell.click();
  await expect(page).toHaveURL(/\/accounts\/[^/?]+\?period=\d{4}-\d{2}$/);
  await expect(page.getByTestId('period-summary')).toBeVisible();
});

test('on a touch screen, a first tap on a cell shows its evidence and a second opens the account', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await logInAsDemoLeader(page);
  await page.goto('/heatmap');
  const row = page.getByTestId('heatmap-row').nth(2);
  const cell = row.locator(`[data-c="${HEALTH_COLUMN}"]`);
  await expect(cell).toBeVisible();
  const account = await row.getAttribute('data-account');
  const name = (await row.locator('[data-c="0"]').innerText()).trim();

  await cell.tap();
  const evidence = page.getByTestId('heatmap-evidence');
  await expect(evidence.locator('.hm-evidence-account')).toHaveText(name);
  await expect(page).toHaveURL(/\/heatmap/);

  await cell.tap();
  await expect(page).toHaveURL(new RegExp(`/accounts/${account}`));
  await context.close();
});

test('the scroll position is kept in the address, and Back from an account returns to the same rows', async ({
  page,
}) => {
  await logInAsDemoLeader(page);
  await page.goto('/heatmap');
  const scroller = page.getByTestId('heatmap-scroll');
  await expect(page.getByTestId('heatmap-cell').first()).toBeVisible();
  // 20 rows of 40 px down.
  await scroller.evaluate((el) => {
    el.scrollTop = 800;
  });
  await expect(page).toHaveURL(/[?&]row=20(&|$)/);
  const row = page.locator('[data-r="21"]');
  const account = await row.getAttribute('data-account');
  await row.locator(`[data-c="${HEALTH_COLUMN}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${account}$`));

  await page.goBack();
  await expect(page).toHaveURL(/[?&]row=20(&|$)/);
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(800);
  await expect(page.locator('[data-r="21"]')).toHaveAttribute('data-account', account!);
});

test('a leader saves the view they come back to, opens it again in one click, and deletes it', async ({ page }) => {
  page.on('dialog', (dialog) => dialog.accept());
  await logInAsDemoLeader(page);
  await page.goto('/heatmap');
  const count = page.getByTestId('heatmap-count');
  await expect(count).toContainText('40/40');
  await page.getByTestId('heatmap-filter-band').selectOption('high');
  await expect(count).not.toContainText('40/40');
  const highOnly = await count.innerText();

  const saved = page.getByTestId('heatmap-saved-views');
  await saved.locator('summary').click();
  await saved.getByLabel('Anna näkymälle nimi').fill('Korkea riski');
  await saved.getByRole('button', { name: 'Tallenna näkymä' }).click();
  await expect(saved.getByTestId('saved-view-status')).toHaveText('Tallennettu: Korkea riski');
  const open = saved.getByTestId('saved-view-open').filter({ hasText: 'Korkea riski' });
  await expect(open).toHaveAttribute('aria-current', 'true');

  // Another day, the default view; the saved one is a click away.
  await page.goto('/heatmap');
  await expect(count).toContainText('40/40');
  await saved.locator('summary').click();
  await open.click();
  await expect(page.getByTestId('heatmap-filter-band')).toHaveValue('high');
  await expect(count).toHaveText(highOnly);
  await expect(page).toHaveURL(/band=high/);

  // Deleted after a confirmation.
  await saved.getByTestId('saved-view-delete').click();
  await expect(saved.getByTestId('saved-view-open')).toHaveCount(0);
  await expect(saved).toContainText('Tallennettuja näkymiä ei vielä ole');
});

test('the heatmap and the home page keep still while they load (layout shift under 0.1)', async ({ page }) => {
  await logInAsDemoLeader(page);
  // Each page's layout shifts as Chromium scores them (CLS), user input excluded.
  await page.addInitScript(() => {
    const w = window as unknown as { __shift: number };
    w.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
        if (!entry.hadRecentInput) w.__shift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const shift = () => page.evaluate(() => (window as unknown as { __shift: number }).__shift);

  await page.goto('/heatmap');
  await expect(page.getByTestId('heatmap-cell').first()).toBeVisible();
  // The change since last month comes last, from the revenue-at-risk history.
  await expect(page.getByTestId('portfolio-at-risk-change')).not.toBeEmpty();
  expect(await shift()).toBeLessThan(0.1);

  await page.goto('/');
  await expect(page.locator('.home-section').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await shift()).toBeLessThan(0.1);
});

test('on a 1280 × 800 laptop every column and twelve rows show beside the evidence, headers staying in view', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await logInAsDemoLeader(page);
  await page.goto('/heatmap');
  const scroller = page.getByTestId('heatmap-scroll');
  await expect(page.getByTestId('heatmap-cell').first()).toBeVisible();
  // A laptop has the links themselves, no phone's menu button.
  await expect(page.getByTestId('nav-toggle')).toBeHidden();
  await scroller.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  // Nothing hides off to the side: no sideways scrolling, and the evidence beside it.
  const sizes = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(sizes.scroll).toBeLessThanOrEqual(sizes.client);
  const box = (await scroller.boundingBox())!;
  const evidence = (await page.getByTestId('heatmap-evidence').boundingBox())!;
  expect(evidence.x).toBeGreaterThanOrEqual(box.x + box.width);
  expect(box.y + box.height).toBeLessThanOrEqual(800);
  // Every heading, the sorted one too, is whole and inside the grid's box.
  await page.getByTestId('heatmap-sort-revenue_at_risk').click();
  const headings = page.locator('.hm-head .hm-sort');
  const count = await headings.count();
  expect(count).toBe(11);
  for (let i = 0; i < count; i++) {
    const heading = headings.nth(i);
    const edge = (await heading.boundingBox())!;
    expect(edge.x + edge.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
    expect(await heading.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight)).toBe(true);
  }
  // No value spills out of its cell.
  const spilled = await scroller.evaluate((el) =>
    [...el.querySelectorAll('.hm-value')].filter((value) => {
      const cell = value.closest('td')!.getBoundingClientRect();
      const own = value.getBoundingClientRect();
      return own.left < cell.left - 0.5 || own.right > cell.right + 0.5;
    }).length,
  );
  expect(spilled).toBe(0);
  // Twelve rows below the headings at once; scrolled down, the headings stay.
  const rowsInView = await scroller.evaluate((el) => {
    const bottom = el.getBoundingClientRect().bottom;
    return [...el.querySelectorAll('.hm-body .hm-row')].filter((row) => row.getBoundingClientRect().bottom <= bottom).length;
  });
  expect(rowsInView).toBeGreaterThanOrEqual(12);
  await scroller.evaluate((el) => {
    el.scrollTop = 400;
  });
  const head = (await page.locator('.hm-head').boundingBox())!;
  expect(Math.abs(head.y - box.y)).toBeLessThanOrEqual(2);
});
