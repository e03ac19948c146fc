import sanitizeHtml from 'sanitize-html';

/**
 * The professional summary's HTML (ProfessionalSummaryText.HTMLText). CVService: "Jobnet stripper
 * HTML, på nær få accepterede formattering, jf. TinyMCE, dvs. bullets, italic, underline og bold".
 * The sanitize-html package (an HTML parser, not a regex) keeps lists, italic, underline and bold,
 * plus paragraphs and line breaks so the text keeps its shape; every attribute, script, style and
 * link goes. Headings, divs and other blocks become paragraphs; other tags that are not allowed are
 * dropped and their text is kept; script and style elements go with their content.
 */
/** Block elements that are not allowed become paragraphs, so their text is not glued to the next. */
const BLOCKS_TO_PARAGRAPHS = Object.fromEntries(
  ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'address', 'tr', 'dt', 'dd'].map(
    (tag) => [tag, 'p'],
  ),
);

const ALLOWED = {
  allowedTags: ['ul', 'ol', 'li', 'em', 'i', 'u', 'strong', 'b', 'p', 'br'],
  transformTags: BLOCKS_TO_PARAGRAPHS,
  allowedAttributes: {},
  allowedSchemes: [],
  disallowedTagsMode: 'discard' as const,
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
};

/** Everything off: the text only. */
const PLAIN = {
  allowedTags: [] as string[],
  allowedAttributes: {},
  nonTextTags: ALLOWED.nonTextTags,
};

export function sanitizeSummary(html: string): string {
  return sanitizeHtml(html, ALLOWED).trim();
}

/**
 * The summary as plain text (PlainText), from the sanitised HTML: list items become "• " lines,
 * paragraphs and <br> line breaks. sanitize-html's text output escapes &, <, > and "; those four are
 * decoded (and only those: it emits no other entity).
 */
export function summaryPlainText(sanitized: string): string {
  // The sanitised HTML has only the allowed tags and no attributes, so its tags are exactly <li>, </p>, <br /> etc.
  const withBreaks = sanitized
    .replace(/<li>/g, '\u0001• ')
    .replace(/<\/(p|li|ul|ol)>|<br \/>|<br>/g, '\u0001');
  const text = sanitizeHtml(withBreaks, PLAIN)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return text
    .split('\u0001')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}
