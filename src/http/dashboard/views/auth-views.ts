import { html, type SafeHtml } from '../html.js';
import { bareLayout, type FlashMessage, flashBox } from './layout.js';

export function loginView(opts: {
  csrf: string;
  next: string;
  message?: FlashMessage | null;
  passwordSet: boolean;
}): SafeHtml {
  if (!opts.passwordSet) {
    return bareLayout(
      'Sign in',
      html`<p>No admin password is set yet.</p>
<p>Open the one-time <strong>setup link</strong> that the service printed on its console when it started (it looks like <code>http://…/setup/…</code>) and choose the password there. Or set <code>ADMIN_PASSWORD</code> in the service's configuration and restart it.</p>
<p class="muted">Restarting the service prints a new setup link; the old one stops working.</p>`,
    );
  }
  return bareLayout(
    'Sign in',
    html`${flashBox(opts.message)}
<form method="post" action="/login" class="stack" data-testid="login-form">
<input type="hidden" name="_csrf" value="${opts.csrf}">
<input type="hidden" name="next" value="${opts.next}">
<label>Admin password <input type="password" name="password" autocomplete="current-password" required autofocus data-testid="password"></label>
<button type="submit" data-testid="sign-in">Sign in</button>
</form>`,
  );
}

export function setupView(opts: { csrf: string; message?: FlashMessage | null }): SafeHtml {
  return bareLayout(
    'Choose the admin password',
    html`${flashBox(opts.message)}
<p>This link works once. The password you choose here signs in to this dashboard; keep it somewhere safe.</p>
<form method="post" action="/setup" class="stack" data-testid="setup-form">
<input type="hidden" name="_csrf" value="${opts.csrf}">
<label>New password <input type="password" name="password" autocomplete="new-password" minlength="8" required data-testid="new-password">
<small>At least 8 characters.</small></label>
<label>Same password again <input type="password" name="confirm" autocomplete="new-password" minlength="8" required data-testid="confirm-password"></label>
<button type="submit" data-testid="set-password">Set the password and sign in</button>
</form>`,
  );
}

export function setupInvalidView(): SafeHtml {
  return bareLayout(
    'This setup link does not work',
    html`<p>The link was used already, has expired, or a password is set. Go to <a href="/login">sign in</a>.</p>
<p class="muted">If nobody knows the password: set <code>ADMIN_PASSWORD</code> in the configuration and restart the service.</p>`,
  );
}
