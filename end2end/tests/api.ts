import { expect, type APIRequestContext } from '@playwright/test';

/** A state-changing API call as the app makes it: CSRF token in the header. */
export async function call(request: APIRequestContext, method: 'post' | 'put' | 'patch', path: string, data: unknown) {
  const csrf = await (await request.get('/api/v1/auth/csrf')).json();
  const reply = await request[method](path, { data, headers: { 'X-CSRF-Token': csrf.token } });
  expect(reply.ok(), `${method} ${path}: ${await reply.text()}`).toBeTruthy();
  return reply.json();
}

/** An account as the specs make them: a software client in delivery since 2026 worth
 * 90 000 € a year; `fields` (its name at least) override that. */
export async function createAccount(request: APIRequestContext, fields: Record<string, unknown>) {
  return call(request, 'post', '/api/v1/accounts', {
    segments: ['software'],
    stage: 'delivery',
    annual_value_eur: 90000,
    lead_id: null,
    team_ids: [],
    start_date: '2026-01-01',
    end_date: null,
    notes: '',
    ...fields,
  });
}

/** A contact of the account: an English-speaking CMO who decides, unless `fields` say otherwise. */
export async function addContact(request: APIRequestContext, accountId: string, fields: Record<string, unknown>) {
  return call(request, 'post', `/api/v1/accounts/${accountId}/contacts`, {
    title: 'CMO',
    language: 'en',
    decision_maker: true,
    ...fields,
  });
}

/** A relationship round to one contact; its `links` carry the personal link. */
export async function sendRound(request: APIRequestContext, accountId: string, contactId: string) {
  return call(request, 'post', `/api/v1/accounts/${accountId}/rounds`, {
    template_id: 'relationship',
    contact_ids: [contactId],
  });
}

/** `person` joins the organisation with `role`: invited with `by` (an admin's), the
 * invitation accepted with `request`, which is then signed in. Their session. */
export async function join(
  by: APIRequestContext,
  request: APIRequestContext,
  person: { name: string; email: string; password: string },
  role: 'admin' | 'leader' | 'member',
) {
  const invitation = await call(by, 'post', '/api/v1/invitations', { email: person.email, role });
  return call(request, 'post', '/api/v1/invitations/accept', {
    token: new URL(invitation.link, 'http://x').pathname.split('/').pop(),
    name: person.name,
    password: person.password,
    language: 'en',
  });
}
