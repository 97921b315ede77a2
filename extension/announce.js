// The panel's one lasting live region, shared by the extension's pages and www/.

/**
 * Says the panel's outcome (status, headline, the home instance's warning) once in the page's
 * lasting live region (#fl-announce): a screen reader hears a change, not every redraw of the
 * same answer. The coloured status always has its words too.
 * @param {Element} root
 */
export function announce(root) {
  const region = document.getElementById("fl-announce");
  if (!region) return;
  const words = [".fl-status-label", ".fl-headline", ".fl-home-warning"].map((s) => root.querySelector(s)?.textContent?.trim()).filter(Boolean);
  const text = words.join(" ");
  if (text && region.dataset.said !== text) {
    region.dataset.said = text;
    region.textContent = text;
  }
}
