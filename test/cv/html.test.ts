/**
 * The professional summary's sanitiser (src/modules/cv/html.ts, sanitize-html): what is kept, what
 * goes, and the plain text derived from it. Pure functions, no database.
 */
import { sanitizeSummary, summaryPlainText } from '../../src/modules/cv/html';
import { sameJson } from '../../src/modules/cv/service';

describe('sanitizeSummary', () => {
  it.each([
    ['keeps bullets, italic, underline, bold, paragraphs and breaks', '<p>a<br>b</p><ul><li><b>c</b></li></ul><ol><li><i>d</i><em>e</em><u>f</u><strong>g</strong></li></ol>', '<p>a<br />b</p><ul><li><b>c</b></li></ul><ol><li><i>d</i><em>e</em><u>f</u><strong>g</strong></li></ol>'],
    ['drops every attribute', '<p style="color:red" class="x" id="y" onclick="z()">t</p>', '<p>t</p>'],
    ['drops scripts and styles with their content', 'a<script>alert(1)</script><style>p{}</style>b', 'ab'],
    ['drops links and images but keeps link text', '<a href="javascript:alert(1)">klik</a><img src=x onerror=alert(1)>', 'klik'],
    ['makes headings, divs and table rows paragraphs, drops other tags but keeps their text', '<h1>Overskrift</h1><div><span>tekst</span></div><table><tr><td>celle</td></tr></table>', '<p>Overskrift</p><p>tekst</p><p>celle</p>'],
    ['keeps Danish letters and escapes what must be escaped', 'æøå ÆØÅ & < >', 'æøå ÆØÅ &amp; &lt; &gt;'],
    ['closes what is left open', '<p><b>fed', '<p><b>fed</b></p>'],
    ['leaves nothing of a comment or a CDATA section', 'a<!-- x --><![CDATA[y]]>b', 'ab'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeSummary(input)).toBe(expected);
  });
});

describe('summaryPlainText', () => {
  it('makes list items bullet lines, paragraphs and breaks line breaks, and decodes the escapes', () => {
    const html = sanitizeSummary('<p>Intro &amp; mere</p><ul><li>én</li><li><b>to</b></li></ul>slut<br>linje');
    expect(summaryPlainText(html)).toBe('Intro & mere\n• én\n• to\nslut\nlinje');
  });

  it('collapses whitespace and drops empty lines', () => {
    expect(summaryPlainText(sanitizeSummary('<p>  a \n\n b  </p><p></p><p> </p>c'))).toBe('a b\nc');
  });
});

describe('sameJson (the element diff of ReplaceCV)', () => {
  it('is equality of JSON values regardless of key order and of undefined keys', () => {
    expect(sameJson({ a: 1, b: { c: [1, { d: 'æ' }] } }, { b: { c: [1, { d: 'æ' }] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: null }, { a: {} })).toBe(false);
    expect(sameJson([], {})).toBe(false);
  });
});
