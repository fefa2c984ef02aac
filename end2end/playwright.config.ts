import { defineConfig } from '@playwright/test';

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
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
