import { DEFAULT_V1_URL, DEFAULT_V2_URL } from '../../../domain/connection.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField } from './layout.js';

/** What the form shows: never a stored secret, only whether one is stored. */
export interface ConnectionFormValues {
  name: string;
  sage300Url: string;
  /** The Sage user as typed in a submit that failed (no secret on its own); never the stored one. */
  sageUser: string;
  keepCase: boolean;
  v1Url: string;
  v2Url: string;
  ordersApi: '' | 'v1' | 'v2';
  stored: { sageUser: boolean; sagePassword: boolean; v1: boolean; v2: boolean };
}

export function emptyFormValues(): ConnectionFormValues {
  return {
    name: '',
    sage300Url: '',
    sageUser: '',
    keepCase: false,
    v1Url: DEFAULT_V1_URL,
    v2Url: DEFAULT_V2_URL,
    ordersApi: '',
    stored: { sageUser: false, sagePassword: false, v1: false, v2: false },
  };
}

/** A credential field; only the Sage user is ever given a `value` back (what was just typed), never a secret. */
function secretField(
  name: string,
  label: string,
  stored: boolean,
  help: string,
  field: { type: 'text'; value: string } | { type: 'password' } = { type: 'password' },
): SafeHtml {
  const value = field.type === 'text' ? field.value : '';
  return html`<label>${label}
<input type="${field.type}" name="${name}" value="${value}" autocomplete="off" spellcheck="false"
 placeholder="${stored ? 'stored: leave blank to keep' : ''}" data-testid="${name}">
<small>${stored ? 'A value is stored (never shown). Leave blank to keep it, or type a new one to replace it. If you move its URL to another server (scheme, host or port), type it again: stored secrets are only sent to the server they were entered for.' : help}</small></label>`;
}

/**
 * Add or edit a connection: the Sage 300 half and the ShipStation half, saved with the same validation
 * as `ml-connector connect`. Secrets are write-only: the fields are always empty.
 */
export function connectionFormView(v: ConnectionFormValues, csrf: string, isNew: boolean): SafeHtml {
  const option = (value: string, label: string) =>
    html`<option value="${value}" ${v.ordersApi === value ? html`selected` : ''}>${label}</option>`;
  return html`<form method="post" action="/connections" class="stack" data-testid="connection-form">
${csrfField(csrf)}
${
  isNew
    ? html`<input type="hidden" name="isNew" value="1"><label>Connection name <input name="name" value="${v.name}" required pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,62}" data-testid="name">
<small>Letters, digits, dot, dash or underscore, for example "main" or "east-coast".</small></label>`
    : html`<input type="hidden" name="name" value="${v.name}">`
}
<fieldset><legend>Sage 300</legend>
<label>Web API URL <input name="sage300Url" value="${v.sage300Url}" inputmode="url" spellcheck="false" data-testid="sage300Url"
 placeholder="https://erp.example.com/Sage300WebApi/v1.0/-/SAMINC">
<small>The Web API address including the company (the last part, e.g. SAMINC). Another company on the same server keeps the stored user and password; another server needs them typed again.</small></label>
${secretField('sage300User', 'User', v.stored.sageUser, 'A Sage 300 user with Web API rights for O/E, A/R and I/C.', { type: 'text', value: v.sageUser })}
${secretField('sage300Password', 'Password', v.stored.sagePassword, 'The password of that user.')}
<label class="check"><input type="checkbox" name="keepCase" value="1" ${v.keepCase ? html`checked` : ''} data-testid="keepCase">
Keep letter case <small>Sage 300 normally wants upper-case credentials, so the connector sends them upper-cased (it stores them as typed). Tick this only for servers that compare the password as typed.</small></label>
</fieldset>
<fieldset><legend>ShipStation</legend>
${secretField('v1ApiKey', 'V1 API key', v.stored.v1, 'From ShipStation → Settings → Account → API Settings, "V1 API".')}
${secretField('v1ApiSecret', 'V1 API secret', v.stored.v1, 'Shown with the V1 API key.')}
${secretField('v2ApiKey', 'V2 API key', v.stored.v2, 'Optional with V1; needed for inventory (with the Inventory add-on).')}
<label>Send orders through <select name="ordersApi" data-testid="ordersApi">${option('', 'Automatic (V1 when V1 keys are given)')}${option('v1', 'V1')}${option('v2', 'V2')}</select></label>
<details><summary>API addresses (change only for a test system)</summary>
<label>V1 API URL <input name="v1Url" value="${v.v1Url}" inputmode="url" spellcheck="false" data-testid="v1Url"></label>
<label>V2 API URL <input name="v2Url" value="${v.v2Url}" inputmode="url" spellcheck="false" data-testid="v2Url"></label>
</details>
</fieldset>
<p><button type="submit" data-testid="save-connection">Save</button> <a href="/" class="button secondary">Cancel</a></p>
<p class="muted">Saving stores the credentials encrypted and contacts no server: use Ping to check them.</p>
</form>`;
}
