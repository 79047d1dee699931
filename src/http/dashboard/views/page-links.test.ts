import { describe, expect, it } from 'vitest';
import { linkPages, reasonHtml } from './page-links.js';

describe('linkPages: every page a text names is a link, the rest escaped', () => {
  it.each([
    [
      'Map ship-via DRONE on the Mappings page; orders then go out.',
      'main',
      'Map ship-via DRONE on the <a href="/mappings?c=main" class="page-link">Mappings page</a>; orders then go out.',
    ],
    ['check the Flows page', 'a b&c', 'check the <a href="/flows?c=a%20b%26c" class="page-link">Flows page</a>'],
    ['check the Flows page', undefined, 'check the <a href="/flows" class="page-link">Flows page</a>'],
    [
      'the Flows and Runs pages say why',
      'main',
      'the <a href="/flows?c=main" class="page-link">Flows</a> and <a href="/runs?c=main" class="page-link">Runs pages</a> say why',
    ],
    ['It is listed on Attention.', 'main', 'It is listed on <a href="/attention" class="page-link">Attention</a>.'],
    ['see Orders for the rest', 'x', 'see <a href="/orders?c=x" class="page-link">Orders</a> for the rest'],
    [
      'edit it from the Connections page',
      'main',
      'edit it from the <a href="/" class="page-link">Connections page</a>',
    ],
    [
      "Add a V2 API key in the ShipStation part of the connection's form.",
      'main',
      'Add a V2 API key in the ShipStation part of the <a href="/connections/main" class="page-link">connection&#39;s form</a>.',
    ],
    // Plain words stay words: a sentence that starts with "Orders", "runs" in lower case, other pages.
    ['Orders held for it go out. It runs again.', 'main', 'Orders held for it go out. It runs again.'],
    ['the Mappingspage', 'main', 'the Mappingspage'],
    // Escaping is intact around and inside links.
    [
      '<b>x</b> & the Runs page "now"',
      'main',
      '&lt;b&gt;x&lt;/b&gt; &amp; the <a href="/runs?c=main" class="page-link">Runs page</a> &quot;now&quot;',
    ],
    ['', 'main', ''],
  ])('%j (connection %s)', (text, connection, expected) => {
    expect(linkPages(text, connection).value).toBe(expected);
  });

  it('rewords command fixes as pages first, then links them', () => {
    const reason =
      'Order ORD1 uses ship-via DRONE, which is not mapped. Map it: ml-connector mappings set ship_via DRONE --service <carrier>:<service> (or --skip if it does not ship through ShipStation), or accept a suggestion with "ml-connector mappings suggest --accept".';
    const out = reasonHtml(reason, 'main').value;
    expect(out).toContain('Map ship-via DRONE on the <a href="/mappings?c=main" class="page-link">Mappings page</a>');
    expect(out).not.toContain('ml-connector');
    expect(reasonHtml(null).value).toBe('');
  });
});
