import { expect, test, type Browser, type Page } from '@playwright/test';
import { phone, sendSurvey } from './customer';
import { demoPeople, logInAsDemo } from './demo';
import { violations } from './axe';

// Accessibility gate: every page, for a customer and for each role, in Finnish and in
// English, has no serious or critical axe-core violation (WCAG 2.1 A and AA rules).
// To cover a new page, add it to TEAM_ROUTES (or PUBLIC_ROUTES) below.

type Role = 'admin' | 'leader' | 'member';
const EVERYONE: Role[] = ['admin', 'leader', 'member'];
const LEADERSHIP: Role[] = ['admin', 'leader'];

interface TeamRoute {
  /** A path, or how to find one from a list page (the first link matching `link`). */
  path: string | { from: string; link: RegExp; suffix?: string };
  roles: Role[];
  /** A page reached from a list that may be empty for this person (then skipped). */
  optional?: boolean;
}

const TEAM_ROUTES: TeamRoute[] = [
  { path: '/', roles: EVERYONE },
  { path: '/accounts', roles: EVERYONE },
  { path: '/accounts/new', roles: LEADERSHIP },
  { path: { from: '/accounts', link: /^\/accounts\/[^/]+$/ }, roles: EVERYONE },
  { path: { from: '/accounts', link: /^\/accounts\/[^/]+$/, suffix: '/edit' }, roles: LEADERSHIP },
  { path: { from: '/accounts', link: /^\/accounts\/[^/]+$/, suffix: '/counter-feedback' }, roles: EVERYONE },
  { path: '/heatmap', roles: EVERYONE },
  { path: '/cases', roles: EVERYONE },
  { path: { from: '/cases', link: /^\/cases\/[^/]+$/ }, roles: LEADERSHIP, optional: true },
  { path: '/requests', roles: EVERYONE },
  { path: { from: '/requests', link: /^\/requests\/[^/]+$/ }, roles: EVERYONE, optional: true },
  { path: '/cycles', roles: EVERYONE },
  { path: '/overdue', roles: EVERYONE },
  { path: '/initiatives', roles: EVERYONE },
  { path: '/digest', roles: EVERYONE },
  { path: { from: '/initiatives', link: /^\/initiatives\/[^/]+$/ }, roles: EVERYONE, optional: true },
  { path: '/messages', roles: EVERYONE },
  { path: '/promises', roles: LEADERSHIP },
  { path: '/segments', roles: LEADERSHIP },
  { path: '/trends', roles: LEADERSHIP },
  { path: '/topics', roles: EVERYONE },
  { path: '/backtest', roles: LEADERSHIP },
  { path: '/settings/surveys', roles: LEADERSHIP },
  { path: '/settings/feedback', roles: LEADERSHIP },
  { path: '/settings/schedule', roles: LEADERSHIP },
  { path: '/settings/health', roles: LEADERSHIP },
  { path: '/settings/cases', roles: LEADERSHIP },
  { path: '/settings/team', roles: ['admin'] },
  { path: '/settings/audit', roles: ['admin'] },
  { path: '/settings/api-keys', roles: ['admin'] },
  { path: '/settings/webhooks', roles: ['admin'] },
  { path: '/settings/mailbox', roles: ['admin'] },
  { path: '/settings/privacy', roles: ['admin'] },
  { path: '/profile', roles: EVERYONE },
];

/** Pages anyone reaches without logging in (the survey page has its own test below). */
const PUBLIC_ROUTES = ['/login', '/signup', '/signup/confirm/no-such-link', '/no-such-page', '/s/no-such-link'];

/** Waits until the page has its heading and stopped loading, then checks it. */
async function check(page: Page, label: string, found: Map<string, string[]>) {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  const problems = await violations(page);
  if (problems.length > 0) {
    found.set(label, problems);
  }
}

async function resolve(page: Page, route: TeamRoute): Promise<string | null> {
  if (typeof route.path === 'string') {
    return route.path;
  }
  const { from, link, suffix } = route.path;
  await page.goto(from);
  await page.waitForLoadState('networkidle');
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const href = hrefs.find((h) => link.test(h) && h !== '/accounts/new');
  return href ? href + (suffix ?? '') : null;
}

function report(found: Map<string, string[]>): string {
  return [...found].map(([page, problems]) => `${page}\n  ${problems.join('\n  ')}`).join('\n');
}

async function switchLanguage(page: Page, language: string) {
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH');
  await page.getByTestId('lang-switch').selectOption(language);
  expect((await saved).ok()).toBeTruthy();
}

async function checkTeamPages(browser: Browser, email: string, role: Role, ownLanguage: string, languages: string[]) {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await logInAsDemo(page, email);
  const found = new Map<string, string[]>();
  try {
    for (const language of languages) {
      if (language !== ownLanguage) {
        await switchLanguage(page, language);
      }
      for (const route of TEAM_ROUTES.filter((r) => r.roles.includes(role))) {
        const path = await resolve(page, route);
        if (path === null && route.optional) {
          continue;
        }
        expect(path, `a page to check for ${JSON.stringify(route.path)}`).not.toBeNull();
        await page.goto(path!);
        await check(page, `${role} ${language} ${path}`, found);
      }
    }
  } finally {
    // The demo people keep their own language for the other specs.
    if (languages.at(-1) !== ownLanguage) {
      await switchLanguage(page, ownLanguage);
    }
    await context.close();
  }
  expect(found.size, report(found)).toBe(0);
}

test.describe.configure({ mode: 'serial' });

test('public pages have no serious accessibility problems, in both languages', async ({ browser }) => {
  const found = new Map<string, string[]>();
  for (const language of ['fi', 'en']) {
    const context = await browser.newContext({ locale: language === 'fi' ? 'fi-FI' : 'en-GB' });
    const page = await context.newPage();
    for (const path of PUBLIC_ROUTES) {
      await page.goto(path);
      if (path !== '/s/no-such-link') {
        await page.getByTestId('lang-switch').selectOption(language);
      }
      await check(page, `${language} ${path}`, found);
    }
    await context.close();
  }
  expect(found.size, report(found)).toBe(0);
});

test('the survey page has no serious accessibility problems for a customer, in both languages', async ({ browser }) => {
  test.setTimeout(120_000);
  const { link, context } = await sendSurvey(browser, { language: 'fi', stage: 'delivery' });
  await context.close();

  const customer = await browser.newContext({ ...phone, locale: 'fi-FI' });
  const page = await customer.newPage();
  const found = new Map<string, string[]>();
  await page.goto(link);
  await check(page, 'survey fi', found);
  await page.getByRole('button', { name: 'In English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await check(page, 'survey en', found);
  // Sending with nothing answered shows every problem at once.
  await page.getByRole('button', { name: 'Send answers' }).click();
  await check(page, 'survey en, unanswered', found);
  await customer.close();
  expect(found.size, report(found)).toBe(0);
});

test('an admin’s pages have no serious accessibility problems, in both languages', async ({ browser }) => {
  test.setTimeout(600_000);
  await checkTeamPages(browser, demoPeople.admin.email, 'admin', 'en', ['en', 'fi']);
});

test('a leader’s pages have no serious accessibility problems, in both languages', async ({ browser }) => {
  test.setTimeout(600_000);
  await checkTeamPages(browser, demoPeople.leader.email, 'leader', 'fi', ['fi', 'en']);
});

test('a member’s pages have no serious accessibility problems, in both languages', async ({ browser }) => {
  test.setTimeout(600_000);
  await checkTeamPages(browser, demoPeople.memberFi.email, 'member', 'fi', ['fi']);
  await checkTeamPages(browser, demoPeople.memberEn.email, 'member', 'en', ['en']);
});
