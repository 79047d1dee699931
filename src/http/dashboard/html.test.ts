import { describe, expect, it } from 'vitest';
import { escapeHtml, html, joinHtml, SafeHtml } from './html.js';

describe('html tagged template', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const evil = `<script>alert('x')</script>" onmouseover="x" \`&`;
    const out = html`<p title="${evil}">${evil}</p>`.value;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; onmouseover=&quot;x&quot; &#96;&amp;">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; onmouseover=&quot;x&quot; &#96;&amp;</p>',
    );
    expect(out).not.toContain('<script>');
  });

  it('keeps fragments made by the tag, and escapes the strings inside arrays', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}</p>`.value).toBe('<p><b>&lt;i&gt;</b></p>');
    expect(html`<ul>${['<a>', html`<li>ok</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>ok</li></ul>');
    expect(joinHtml(['<x>', html`<br>`], ', ').value).toBe('&lt;x&gt;, <br>');
  });

  it('renders nothing for null, undefined and false; numbers and true as text', () => {
    expect(html`[${null}${undefined}${false}${0}${true}]`.value).toBe('[0true]');
  });

  it('a string that looks like SafeHtml is still escaped (only the class is trusted)', () => {
    const fake = { value: '<b>' } as unknown as string;
    expect(html`${fake}`.value).toBe('[object Object]');
    expect(new SafeHtml('<b>').toString()).toBe('<b>');
    expect(escapeHtml('a&b')).toBe('a&amp;b');
  });
});
