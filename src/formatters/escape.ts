/*
 * Escaping helpers shared by the formatters: XML (JUnit), GitHub workflow commands, Markdown
 * table cells. Input: raw text. Output: text safe for the target syntax.
 */

/** xmlEscape escapes text for XML element content and double-quoted attributes; drops invalid chars. */
export function xmlEscape(s: string): string {
  return s
    // XML 1.0 forbids most C0 controls even as references.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\r/g, "&#13;")
    .replace(/\n/g, "&#10;");
}

/** xmlText escapes element content, keeping newlines readable. */
export function xmlText(s: string): string {
  return xmlEscape(s).replace(/&#10;/g, "\n");
}

/**
 * workflowData escapes the message part of a workflow command (`::error ...::DATA`):
 * % CR LF are percent-encoded (actions/toolkit command.ts escapeData).
 */
export function workflowData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** workflowProperty escapes a property value (`file=...,title=...`): also `:` and `,` (escapeProperty). */
export function workflowProperty(s: string): string {
  return workflowData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** markdownCell escapes text for one GitHub Markdown table cell. */
export function markdownCell(s: string): string {
  return s
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/[<>]/g, (c) => (c === "<" ? "&lt;" : "&gt;"))
    .replace(/`/g, "\\`")
    .replace(/\r?\n/g, "<br>");
}

/** markdownCode wraps text as inline code, choosing a fence longer than any backtick run inside. */
export function markdownCode(s: string): string {
  const runs = s.match(/`+/g) ?? [];
  const fence = "`".repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
  return `${fence}${pad}${s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ")}${pad}${fence}`;
}
