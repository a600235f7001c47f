/**
 * The account emails, each a plain-text and an HTML body from one small template. Everything that
 * comes from a user (names, addresses) is escaped in the HTML; links are built by the server.
 */

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  link?: string;
}

const APP_NAME = 'Easel';

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** "30 minutes", "24 hours". */
export function describeDuration(seconds: number): string {
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

interface Layout {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; link: string };
  footer: string;
}

function render({ subject, greeting, paragraphs, action, footer }: Layout): RenderedMail {
  const text = [
    greeting,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    ...(action ? [`${action.label}: ${action.link}`, ''] : []),
    footer,
    '',
    `— ${APP_NAME}`,
  ].join('\n');
  const p = (content: string) => `<p style="margin:0 0 16px">${content}</p>`;
  const button = action
    ? p(
        `<a href="${escapeHtml(action.link)}" style="display:inline-block;padding:10px 18px;border-radius:6px;background:#2563eb;color:#ffffff;text-decoration:none;font-weight:600">${escapeHtml(action.label)}</a>`,
      ) +
      p(
        `<span style="color:#6b7280;font-size:13px">Or paste this link into your browser: ${escapeHtml(action.link)}</span>`,
      )
    : '';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f3f4f6;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#111827;line-height:1.5">
<div style="max-width:520px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<h1 style="margin:0 0 16px;font-size:20px">${escapeHtml(APP_NAME)}</h1>
${p(escapeHtml(greeting))}
${paragraphs.map((x) => p(escapeHtml(x))).join('\n')}
${button}
${p(`<span style="color:#6b7280;font-size:13px">${escapeHtml(footer)}</span>`)}
</div></body></html>
`;
  return { subject, text, html, ...(action ? { link: action.link } : {}) };
}

const greet = (name: string) => (name.trim() ? `Hello ${name.trim()},` : 'Hello,');

export function verifyEmailMail(input: { name: string; email: string; link: string; ttlSeconds: number }) {
  return render({
    subject: `Confirm your email address for ${APP_NAME}`,
    greeting: greet(input.name),
    paragraphs: [
      `Please confirm that ${input.email} is your email address.`,
      `The link works once and expires in ${describeDuration(input.ttlSeconds)}.`,
    ],
    action: { label: 'Confirm email address', link: input.link },
    footer: 'If you did not create an account or change your email, you can ignore this message.',
  });
}

export function resetPasswordMail(input: { name: string; link: string; ttlSeconds: number }) {
  return render({
    subject: `Reset your ${APP_NAME} password`,
    greeting: greet(input.name),
    paragraphs: [
      'Someone (hopefully you) asked to reset the password of your account.',
      `The link works once and expires in ${describeDuration(input.ttlSeconds)}. Setting a new password signs you out everywhere.`,
    ],
    action: { label: 'Choose a new password', link: input.link },
    footer: 'If you did not ask for this, ignore this message: your password stays as it is.',
  });
}

/** A notice of a change to the account: what happened, and (the footer) what to do if it was not the reader. */
type Notice = Omit<Layout, 'greeting' | 'action'>;

function noticeMail(name: string, notice: Notice): RenderedMail {
  return render({ ...notice, greeting: greet(name) });
}

export function emailChangedMail(input: { name: string; newEmail: string }) {
  return noticeMail(input.name, {
    subject: `Your ${APP_NAME} email address was changed`,
    paragraphs: [
      `The email address of your account was changed to ${input.newEmail}. Messages now go to that address.`,
    ],
    footer: 'If you did not make this change, reset your password and contact your administrator at once.',
  });
}

const PASSWORD_RESET_NOTICE: Notice = {
  subject: `Your ${APP_NAME} password was reset`,
  paragraphs: ['The password of your account was just reset, and every session was signed out.'],
  footer: 'If you did not do this, reset your password again at once and contact your administrator.',
};

const PASSWORD_CHANGED_NOTICE: Notice = {
  subject: `Your ${APP_NAME} password was changed`,
  paragraphs: ['The password of your account was just changed, and your other sessions were signed out.'],
  footer: 'If you did not do this, reset your password at once and contact your administrator.',
};

export function passwordResetDoneMail(input: { name: string }) {
  return noticeMail(input.name, PASSWORD_RESET_NOTICE);
}

export function passwordChangedMail(input: { name: string }) {
  return noticeMail(input.name, PASSWORD_CHANGED_NOTICE);
}
