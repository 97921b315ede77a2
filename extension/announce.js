// The panel's one lasting live region, shared by the extension's pages and www/.

/**
 * Says the panel's outcome (status — or a failure's title —, headline, the home instance's
 * warning) once in the page's lasting live region (#fl-announce): a screen reader hears each
 * answer the reader asked for, not every redraw of it. The coloured status has its words too.
 * @param {Element} root
 */
export function announce(root) {
  const region = document.getElementById("fl-announce");
  if (!region) return;
  // A list of accounts says what it lists (its rows are filled in one by one, each then shown).
  if (root.querySelector(".fl-accounts")) {
    const text = [".fl-title", ".fl-accounts-note"].map((s) => root.querySelector(s)?.textContent?.trim()).filter(Boolean).join(" ");
    if (region.dataset.said !== text) region.textContent = region.dataset.said = text;
    return;
  }
  const parts = [".fl-status-label", ".fl-panel[data-status=failure] .fl-title", ".fl-headline", ".fl-home-warning"];
  const words = parts.map((s) => root.querySelector(s)?.textContent?.trim()).filter(Boolean);
  const text = words.join(" ");
  if (text && region.dataset.said !== text) {
    region.dataset.said = text;
    region.textContent = text;
  }
}

/** A new lookup was asked for (drawn as loading): its answer is said even if it is the same. */
export function expectAnswer() {
  const region = document.getElementById("fl-announce");
  if (region) delete region.dataset.said;
}
