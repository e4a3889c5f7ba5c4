/**
 * Benchmark names come from user code and imported files. In a comment they must not break the
 * table, inject HTML, start code spans or notify anyone.
 */
const MARKDOWN_SPECIALS = /[\\`*_[\]|~]/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** A zero-width space after "@" keeps the text readable while GitHub no longer sees a mention. */
const MENTION_BREAK = '@\u200b';

export function escapeMarkdownText(text: string): string {
  return text
    .replace(/\r\n|\r|\n|\t/g, ' ')
    .replace(/[&<>"]/g, (c) => HTML_ENTITIES[c] as string)
    .replace(MARKDOWN_SPECIALS, (c) => `\\${c}`)
    .replace(/@/g, MENTION_BREAK);
}

/** For text inside an HTML element such as <summary>, where markdown escapes would show. */
export function escapeHtmlText(text: string): string {
  return text
    .replace(/\r\n|\r|\n|\t/g, ' ')
    .replace(/[&<>"]/g, (c) => HTML_ENTITIES[c] as string)
    .replace(/@/g, MENTION_BREAK);
}

/** Terminal output: control characters could move the cursor or recolour the screen. */
export function escapeTerminalText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
