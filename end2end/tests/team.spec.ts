import { expect, test, type Page } from '@playwright/test';
import { signUp } from './signup';

// One story, in order: an admin builds the team, a member joins, the admin removes them.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const admin = {
  organisation: `E2E Agency ${stamp}`,
  name: 'Aino Admin',
  email: `admin.${stamp}@example.com`,
  password: 'admin password long enough',
};
const member = {
  name: 'Matti Member',
  email: `member.${stamp}@example.com`,
  password: 'member password long enough',
};

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const teamLink = (page: Page) =>
  page.getByRole('navigation').getByRole('link', { name: 'Team settings', exact: true });
/** The same link, shown or folded away. */
const teamHref = (page: Page) => page.locator('nav a[href="/settings/team"]');

test('admin invites a member, the member joins, and the admin deactivates them', async ({
  browser,
}) => {
  // --- The admin signs up a new organisation.
  const adminContext = await browser.newContext({ locale: 'en-GB' });
  const adminPage = await adminContext.newPage();
  await signUp(adminPage, admin);
  await expect(heading(adminPage)).toHaveText(`Welcome, ${admin.name}`);
  await expect(adminPage.getByTestId('nav-user')).toHaveText(admin.name);

  // --- Team settings: invite a member and read the link.
  // Settings open under one entry of the bar; Escape or a click elsewhere closes it,
  // and so does the way to a page.
  const settings = adminPage.getByTestId('nav-settings');
  await settings.click();
  await expect(teamLink(adminPage)).toBeVisible();
  await adminPage.keyboard.press('Escape');
  await expect(teamLink(adminPage)).toBeHidden();
  await settings.click();
  await adminPage.mouse.click(2, 400);
  await expect(teamLink(adminPage)).toBeHidden();
  await settings.click();
  await teamLink(adminPage).click();
  await expect(adminPage).toHaveURL(/\/settings\/team$/);
  await expect(teamLink(adminPage)).toBeHidden();
  await expect(adminPage.getByTestId('nav-settings')).toHaveClass(/nav-group-current/);
  await expect(heading(adminPage)).toHaveText('Team settings');
  await expect(teamHref(adminPage)).toHaveAttribute('aria-current', 'page');
  await expect(adminPage.getByTestId('user-row')).toHaveCount(1);
  await expect(adminPage.getByTestId('user-row').first()).toContainText(admin.email);

  await adminPage.getByLabel('Email', { exact: true }).fill(member.email);
  await adminPage.getByLabel('Role', { exact: true }).selectOption('member');
  await adminPage.getByRole('button', { name: 'Create invitation' }).click();
  const linkField = adminPage.getByTestId('invite-link');
  await expect(linkField).toBeVisible();
  const link = await linkField.inputValue();
  expect(link).toMatch(/^https?:\/\/[^/]+\/invite\/\S+$/);
  await expect(
    adminPage.getByTestId('invitation-row').filter({ hasText: member.email }),
  ).toBeVisible();

  // --- The member opens the link in their own browser and joins.
  const memberContext = await browser.newContext({ locale: 'en-GB' });
  const memberPage = await memberContext.newPage();
  await memberPage.goto(link);
  await expect(heading(memberPage)).toHaveText('Join your team on Kaiku');
  await expect(memberPage.getByText(member.email)).toBeVisible();
  await expect(memberPage.getByText(admin.organisation).first()).toBeVisible();
  await memberPage.getByLabel('Your name').fill(member.name);
  await memberPage.getByLabel('Password', { exact: true }).fill(member.password);
  await memberPage.getByRole('button', { name: 'Join the team' }).click();

  await expect(memberPage).toHaveURL(/\/$/);
  await expect(heading(memberPage)).toHaveText(`Welcome, ${member.name}`);
  await expect(memberPage.getByTestId('nav-user')).toHaveText(member.name);

  // --- Log out, and back in with email and password.
  await memberPage.getByRole('button', { name: 'Log out' }).click();
  await expect(memberPage).toHaveURL(/\/login/);
  await expect(heading(memberPage)).toHaveText('Log in');
  await memberPage.getByLabel('Email', { exact: true }).fill(member.email);
  await memberPage.getByLabel('Password', { exact: true }).fill(member.password);
  await memberPage.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(heading(memberPage)).toHaveText(`Welcome, ${member.name}`);

  // --- Members may not manage the team, and are not offered the link.
  await expect(teamHref(memberPage)).toHaveCount(0);
  await memberPage.goto('/settings/team');
  await expect(heading(memberPage)).toHaveText('Team settings');
  await expect(memberPage.getByText("You don't have access to team settings.")).toBeVisible();
  await expect(teamHref(memberPage)).toHaveCount(0);

  // --- The admin deactivates the member (confirming the dialog).
  await adminPage.reload();
  const memberRow = adminPage.getByTestId('user-row').filter({ hasText: member.email });
  await expect(memberRow).toContainText('Active');
  adminPage.once('dialog', (dialog) => dialog.accept());
  await memberRow.getByRole('button', { name: 'Deactivate' }).click();
  await expect(memberRow).toContainText('Deactivated');
  await expect(memberRow.getByRole('button', { name: 'Reactivate' })).toBeVisible();

  // --- The member's next step ends their session.
  await memberPage.getByRole('navigation').getByRole('link', { name: 'Home', exact: true }).click();
  await expect(memberPage).toHaveURL(/\/login/);
  await expect(memberPage.getByTestId('session-ended')).toBeVisible();
  await memberPage.reload();
  await expect(heading(memberPage)).toHaveText('Log in');

  // --- A deactivated member cannot log back in.
  await memberPage.getByLabel('Email', { exact: true }).fill(member.email);
  await memberPage.getByLabel('Password', { exact: true }).fill(member.password);
  await memberPage.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(memberPage.getByRole('alert').first()).toBeVisible();
  await expect(memberPage).toHaveURL(/\/login/);

  await memberContext.close();
  await adminContext.close();
});
