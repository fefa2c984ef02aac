import { expect, type APIRequestContext } from '@playwright/test';

/** A state-changing API call as the app makes it: CSRF token in the header. */
export async function call(request: APIRequestContext, method: 'post' | 'put', path: string, data: unknown) {
  const csrf = await (await request.get('/api/v1/auth/csrf')).json();
  const reply = await request[method](path, { data, headers: { 'X-CSRF-Token': csrf.token } });
  expect(reply.ok(), `${method} ${path}: ${await reply.text()}`).toBeTruthy();
  return reply.json();
}
