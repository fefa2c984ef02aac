import { defineConfig } from '@playwright/test';
import { chromium } from './chromium';

// The server is started by `cargo xtask` before the tests; there is no webServer block.
export default defineConfig({
  testDir: 'tests',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: process.env.KAIKU_E2E_URL ?? 'http://127.0.0.1:8089',
    trace: 'off',
    launchOptions: chromium,
  },
});
