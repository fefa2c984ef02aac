import { expect, test } from '@playwright/test';

// `cargo xtask bench`: the heatmap page with 5,000 accounts (served by
// server/examples/heatmap_bench.rs). Prints figures; fails only when the page breaks.
const email = 'bench@kaiku.test';
const password = 'kaiku-demo-2026';

/** Frame times (ms) while `work` runs, measured by requestAnimationFrame in the page. */
async function frames(page: import('@playwright/test').Page, work: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __last: number; __on: boolean };
    w.__frames = [];
    w.__on = true;
    w.__last = performance.now();
    const tick = (now: number) => {
      w.__frames.push(now - w.__last);
      w.__last = now;
      if (w.__on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await work();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __on: boolean };
    w.__on = false;
    return w.__frames;
  });
}

function summary(what: string, times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * q))] ?? 0;
  const long = times.filter((t) => t > 50).length;
  console.log(
    `  ${what.padEnd(44)} frames ${times.length}, p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, ` +
      `longest ${at(1).toFixed(1)} ms, over 50 ms: ${long}`,
  );
}

test('the heatmap with 5,000 accounts renders and scrolls', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/$/);

  const started = Date.now();
  await page.goto('/heatmap');
  const grid = page.getByTestId('heatmap-grid');
  await expect(grid.getByTestId('heatmap-row').first()).toBeVisible();
  const shown = Date.now() - started;
  const rendered = await grid.getByTestId('heatmap-row').count();
  console.log(`heatmap page with 5,000 accounts (Chromium, ${rendered} rows in the DOM):`);
  console.log(`  ${'navigation to the first rows'.padEnd(44)} ${shown} ms`);

  const scroller = page.getByTestId('heatmap-scroll');
  const scrolling = await frames(page, async () => {
    for (let step = 0; step < 60; step++) {
      await scroller.evaluate((el) => el.scrollBy(0, 400));
      await page.waitForTimeout(16);
    }
  });
  summary('scrolling 24,000 px in 60 steps', scrolling);

  const sorting = await frames(page, async () => {
    await page.getByTestId('heatmap-sort-health').click();
    await expect(page.getByTestId('heatmap-sort-health').locator('xpath=..')).toHaveAttribute('aria-sort', /ascending|descending/);
    await page.waitForTimeout(200);
  });
  summary('sorting 5,000 rows by health', sorting);

  const searching = await frames(page, async () => {
    await page.getByTestId('heatmap-search').pressSequentially('Nordic', { delay: 50 });
    await page.waitForTimeout(200);
  });
  summary('typing a search', searching);

  const switching = Date.now();
  await page.getByTestId('heatmap-mode-time').click();
  await expect(grid.getByTestId('heatmap-cell').first()).toBeVisible();
  console.log(`  ${'switching to accounts × months'.padEnd(44)} ${Date.now() - switching} ms`);
});
