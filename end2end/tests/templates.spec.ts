import { expect, test } from '@playwright/test';
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
