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
 * single newlines <br>. Only the given system links (http/https) become anchors, each only where it stands whole
 * (not as the start of a longer URL, such as the status link in the photo's /status/:token/foto); an `images` link
 * (the approved photo of the fix) becomes the image itself, linked to its URL.
 */
export function renderHtml(text: string, links: readonly string[] = [], images: readonly string[] = []): string {
  const safe = (list: readonly string[]) => list.filter((l) => /^https?:\/\//.test(l)).map((l) => escapeHtml(l));
  const imageSet = new Set(safe(images));
  const all = [...new Set([...safe(links), ...imageSet])].sort((a, b) => b.length - a.length);
  const pattern = all.length > 0 ? new RegExp(`(${all.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w/])`, 'g') : null;
  return text
    .split(/\n{2,}/)
    .map((paragraph) => {
      let html = escapeHtml(paragraph).replace(/\n/g, '<br>\n');
      if (pattern) {
        html = html.replace(pattern, (link) =>
          imageSet.has(link)
            ? `<a href="${link}"><img src="${link}" alt="Foto na afhandeling" style="max-width:100%;height:auto"></a>`
            : `<a href="${link}">${link}</a>`,
        );
      }
      return `<p>${html}</p>`;
    })
    .join('\n');
}
