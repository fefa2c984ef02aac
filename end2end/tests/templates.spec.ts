import { expect, test } from '@playwright/test';
import { addContact, createAccount, sendRound } from './api';
import { signUp } from './signup';

test('an admin edits a survey template and previews it as a customer sees it', async ({ browser }) => {
  const stamp = Date.now();
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await signUp(page, {
    organisation: `Template Agency ${stamp}`,
    name: 'Tiina Templates',
    email: `templates.${stamp}@example.com`,
    password: 'admin password long enough',
  });

  await page.getByTestId('nav-settings').click();
  await page.getByRole('navigation').getByRole('link', { name: 'Surveys' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Survey templates');
  const template = page.getByTestId('template-relationship');
  await expect(template.getByTestId('question-editor')).toHaveCount(9);

  // Reword a question, and add a single-choice question at the end.
  const second = template.getByTestId('question-editor').nth(1);
  await second.locator('textarea[lang="en"]').first().fill('How good is our work?');
  await template.getByRole('button', { name: 'Add a question' }).click();
  const added = template.getByTestId('question-editor').last();
  await added.getByLabel('Question type').selectOption('choice');
  await added.locator('textarea[lang="fi"]').first().fill('Miten haluatte kuulla meistä?');
  await added.locator('textarea[lang="en"]').first().fill('How should we keep in touch?');
  await added.locator('textarea[lang="fi"]').nth(1).fill('Sähköposti\nPuhelin');
  await added.locator('textarea[lang="en"]').nth(1).fill('Email\nPhone');

  // An empty English text is refused, and the question is marked.
  await second.locator('textarea[lang="en"]').first().fill('');
  await template.getByRole('button', { name: 'Save template' }).click();
  await expect(template.getByRole('alert')).toContainText('Check the fields');
  await expect(second).toHaveClass(/field-invalid/);
  await second.locator('textarea[lang="en"]').first().fill('How good is our work?');
  await template.getByRole('button', { name: 'Save template' }).click();
  await expect(template.getByText('Saved. New surveys use this version.')).toBeVisible();

  const [preview] = await Promise.all([
    context.waitForEvent('page'),
    template.getByRole('button', { name: 'Preview as a customer' }).click(),
  ]);
  await expect(preview.getByText('Preview: this is how customers see the survey.')).toBeVisible();
  await expect(preview.getByRole('group', { name: 'How good is our work?' })).toBeVisible();
  await expect(preview.getByRole('radio', { name: 'Phone' })).toBeVisible();

  await page.reload();
  await expect(
    page.getByTestId('template-relationship').getByTestId('question-editor'),
  ).toHaveCount(10);
});

// One transparent pixel: a real PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4DwABAQEABRjYTgAAAABJRU5ErkJggg==',
  'base64',
);

test('an admin gives the surveys their logo and colour, and a customer sees them', async ({ browser }) => {
  const stamp = Date.now();
  const organisation = `Brand Agency ${stamp}`;
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await signUp(page, {
    organisation,
    name: 'Bea Brand',
    email: `brand.${stamp}@example.com`,
    password: 'admin password long enough',
  });
  await page.goto('/settings/surveys');
  const card = page.getByTestId('brand-settings');
  await expect(card.getByTestId('brand-no-logo')).toBeVisible();

  // A colour white text cannot be read on is refused as it is typed.
  const colour = card.getByLabel('Colour (#rrggbb)');
  await colour.fill('#ffd700');
  await expect(card.getByTestId('brand-accent-problem')).toContainText('too light');
  await expect(card.getByTestId('brand-contrast')).toContainText('too low');
  await expect(card.getByRole('button', { name: 'Save colour' })).toBeDisabled();
  await colour.fill('#2f6b4f');
  await expect(card.getByTestId('brand-accent-problem')).toHaveCount(0);
  await expect(card.getByTestId('brand-contrast')).toContainText('easy to read');
  await expect(card.getByTestId('brand-sample')).toHaveCSS('background-color', 'rgb(47, 107, 79)');
  await card.getByRole('button', { name: 'Save colour' }).click();
  await expect(card.getByText('Colour saved.')).toBeVisible();

  // A file that is no image is refused before it is sent; a PNG is kept.
  const file = card.getByLabel('Upload a logo');
  await file.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('<svg/>') });
  await expect(card.getByRole('alert')).toContainText('PNG, JPEG or WebP');
  await file.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
  await expect(card.getByText('Logo saved.')).toBeVisible();
  await expect(card.getByTestId('brand-logo')).toHaveJSProperty('naturalWidth', 1);

  // The customer's survey carries both.
  const account = await createAccount(page.request, { name: `Brand Client ${stamp}` });
  const contact = await addContact(page.request, account.id, { name: 'Cai Customer', email: `cai.${stamp}@client.example` });
  const round = await sendRound(page.request, account.id, contact.id);
  const customer = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  await customer.goto(round.links[0].link);
  const logo = customer.locator('img.survey-logo');
  await expect(logo).toHaveAttribute('alt', organisation);
  await expect(logo).toHaveJSProperty('naturalWidth', 1);
  await expect(customer.getByRole('button', { name: 'Send answers' })).toHaveCSS('background-color', 'rgb(47, 107, 79)');

  // Back to Kaiku's own, after a confirmation.
  page.once('dialog', (dialog) => dialog.accept());
  await card.getByRole('button', { name: 'Remove logo' }).click();
  await expect(card.getByTestId('brand-no-logo')).toBeVisible();
  await card.getByRole('button', { name: "Use Kaiku's colours" }).click();
  await expect(card.getByText("Back to Kaiku's colours.")).toBeVisible();
  await customer.reload();
  await expect(customer.locator('.survey-org')).toHaveText(organisation);
  await expect(customer.getByRole('button', { name: 'Send answers' })).not.toHaveCSS('background-color', 'rgb(47, 107, 79)');
});
