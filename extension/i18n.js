// The words of the extension's own pages come from the one catalogue, _locales/<lang>/messages.json
// (the core's sentences too: the panel hands the same file to the wasm, `set_catalogue`).
// Elements name their message: data-i18n (text), data-i18n-label (aria-label and title),
// data-i18n-placeholder; <html lang> becomes the catalogue's language.

/**
 * @param {ParentNode} root
 * @param {(id: string, values?: string[]) => string} getMessage
 */
export function localize(root, getMessage) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = getMessage(/** @type {HTMLElement} */ (el).dataset.i18n ?? "");
  for (const el of root.querySelectorAll("[data-i18n-label]")) {
    const words = getMessage(/** @type {HTMLElement} */ (el).dataset.i18nLabel ?? "");
    el.setAttribute("aria-label", words);
    el.setAttribute("title", words);
  }
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) el.setAttribute("placeholder", getMessage(/** @type {HTMLElement} */ (el).dataset.i18nPlaceholder ?? ""));
  document.documentElement.lang = getMessage("catalogue_language") || "en";
}

/**
 * A getMessage over a parsed messages.json, for www/ (no extension API there): `$name$`
 * placeholders are filled in the order of their `$1`, `$2`… contents, as the browser's does.
 * @param {Record<string, {message: string, placeholders?: Record<string, {content: string}>}>} catalogue
 */
export function messagesOf(catalogue) {
  const entries = new Map(Object.entries(catalogue).map(([id, entry]) => [id.toLowerCase(), entry]));
  return (/** @type {string} */ id, /** @type {string[]} */ values = []) => {
    const entry = entries.get(id.toLowerCase());
    if (!entry) return "";
    return entry.message.replace(/\$([a-z0-9_]+)\$/gi, (/** @type {string} */ _, /** @type {string} */ name) => {
      const position = entry.placeholders?.[name.toLowerCase()]?.content?.match(/^\$(\d)$/)?.[1];
      return position ? (values[Number(position) - 1] ?? "") : "";
    });
  };
}
