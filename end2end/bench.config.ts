import { defineConfig } from '@playwright/test';
import { chromium } from './chromium';

// `cargo xtask bench`: the heatmap with 5,000 accounts, served by the benchmark
// server (server/examples/heatmap_bench.rs). Figures, not pass/fail on wall time.
export default defineConfig({
  testDir: 'bench',
  testMatch: '*.bench.ts',
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 10 * 60_000,
  expect: { timeout: 120_000 },
  use: {
    baseURL: process.env.KAIKU_BENCH_URL ?? 'http://127.0.0.1:8091',
    trace: 'off',
    launchOptions: chromium,
    viewport: { width: 1440, height: 900 },
  },
});
