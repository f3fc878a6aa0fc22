export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Plain text -> HTML body fragment: everything escaped, blank lines make paragraphs,
 * single newlines <br>. Only the given system links (http/https) become anchors.
 */
export function renderHtml(text: string, links: readonly string[] = []): string {
  const anchors = links.filter((l) => /^https?:\/\//.test(l)).map((l) => escapeHtml(l));
  return text
    .split(/\n{2,}/)
    .map((paragraph) => {
      let html = escapeHtml(paragraph).replace(/\n/g, '<br>\n');
      for (const link of anchors) html = html.split(link).join(`<a href="${link}">${link}</a>`);
      return `<p>${html}</p>`;
    })
    .join('\n');
}
