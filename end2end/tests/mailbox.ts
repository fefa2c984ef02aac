import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';

// The mail the second server of the suite sends (`cargo xtask e2e` starts it with an
// SMTP sink on loopback that writes each message to this folder).

/** The address of the suite's server that sends mail. */
export const mailServerUrl = process.env.KAIKU_E2E_MAIL_URL ?? 'http://127.0.0.1:8090';

const folder = process.env.KAIKU_E2E_MAILBOX ?? '';

/** A message as sent: quoted-printable soft line breaks and escapes undone. */
function decoded(raw: string): string {
  return raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/** Every message so far to `address`, oldest first. */
export function mailTo(address: string): string[] {
  const names = readdirSync(folder).filter((name) => name.endsWith('.eml'));
  names.sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  return names
    .map((name) => decoded(readFileSync(join(folder, name), 'utf8')))
    .filter((message) => new RegExp(`^To: ${address.replace(/[.+]/g, '\\$&')}\\r?$`, 'mi').test(message));
}

/** Waits for the `count`-th message to `address` and returns it. */
export async function waitForMail(address: string, count = 1): Promise<string> {
  await expect.poll(() => mailTo(address).length, { message: `mail to ${address}` }).toBeGreaterThanOrEqual(count);
  return mailTo(address)[count - 1];
}

/** The first link in `message` whose path starts with `path`. */
export function linkIn(message: string, path: string): string {
  const match = message.match(new RegExp(`https?://[^\\s"<]+${path}[A-Za-z0-9_-]+`));
  expect(match, `a ${path} link in:\n${message}`).not.toBeNull();
  return match![0];
}
