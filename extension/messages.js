// The messages to the background, one contract: their types here (JSDoc, checked with
// `tsc --noEmit --checkJs` by `make lint`; the build ships nothing of this file) and, in
// background.js, `MESSAGES`: what each one must carry and who may send it, checked at runtime.
// Senders: "page" is our content script in a web page; "extension" is one of our own pages
// (panel, popup, options). A message that does not fit is refused.

/**
 * The cheap check passed: inject the main part of the content script into this frame. `shape`:
 * it passed on the URL's shape alone (`/@name`…), no signal in the page.
 * @typedef {{ type: "inject-main", shape: boolean }} InjectMain
 */

/**
 * The reader approaches a badge: inject the follow guard's page side (panel-guard.js) into this frame.
 * @typedef {{ type: "inject-guard" }} InjectGuard
 */

/**
 * The page's signals (as `PageSignals` in src/core/signals.rs reads them) and the secret the
 * badge's panel frame will carry.
 * @typedef {{ type: "detect", signals: object, panelSecret: string }} Detect
 */

/**
 * A claim the page makes about an account: `creator` (fediverse:creator) or `rel_me`, judged
 * against `page`, the page's URL.
 * @typedef {{ claim?: string | null, page?: string | null }} Claim
 */

/**
 * The badge was pressed: start looking `target` up ahead of its panel's `lookup`.
 * @typedef {{ type: "start-lookup", target: string } & Claim} StartLookup
 */

/**
 * Look `target` up (`force`: not from the cache). A panel framed in a page must give its secret.
 * @typedef {{ type: "lookup", target: string, force?: boolean, secret?: string } & Claim} Lookup
 */

/**
 * The cached answer for `target` if a fresh one exists; never touches the network.
 * @typedef {{ type: "cached", target: string, secret?: string } & Claim} Cached
 */

/**
 * What the badge in tab `tabId` is about (the popup asks for the current tab).
 * @typedef {{ type: "tab-target", tabId: number }} TabTarget
 */

/**
 * Check `handle` by WebFinger and save it as the home account if it is one.
 * @typedef {{ type: "set-home", handle: string, secret?: string }} SetHome
 */

/**
 * Where the reader stands with `handle`, as their connected home instance sees it (issue 14).
 * @typedef {{ type: "home-status", handle: string, secret?: string }} HomeStatus
 */

/**
 * Follow (`follow`) or stop following the account `id` on the home; `now`: its state as shown.
 * @typedef {{ type: "home-follow", id: string, follow: boolean, now: string, secret?: string }} HomeFollow
 */

/**
 * The connected home's own page for the post `object` (its ActivityPub id), with the post's id
 * there, where to reply and the reader's Like and Boost: `{url, id, reply, liked, boosted}` or `{error}`.
 * @typedef {{ type: "home-post", object: string, secret?: string }} HomePost
 */

/**
 * Like or Boost (`act`) the post `object` through the connected home's API, by `id`, the post's
 * id there (from `home-post`'s answer); `undo` takes it back. Answers `{liked}` or `{boosted}`
 * as the home now says it, or `{error}`.
 * @typedef {{ type: "home-act", object: string, id: string, act: "like" | "boost", undo: boolean, secret?: string }} HomeAct
 */

/**
 * The options page: whether a home account is connected (its account, API and host; never the token).
 * @typedef {{ type: "home-connection" }} HomeConnection
 */

/**
 * Connect the saved home account through its API's authorization (the browser's auth window).
 * From the options page, or from a panel (with its secret) after a person's click.
 * @typedef {{ type: "home-connect", secret?: string }} HomeConnect
 */

/**
 * Revoke the token where the home's API allows it, and forget it.
 * @typedef {{ type: "home-disconnect" }} HomeDisconnect
 */

/** @typedef {InjectMain | InjectGuard | Detect | StartLookup | Lookup | Cached | TabTarget | SetHome | HomeStatus | HomeFollow | HomePost | HomeAct | HomeConnection | HomeConnect | HomeDisconnect} Message */

/**
 * A page that names several accounts (src/core/accounts.rs, `PageAccounts::to_json`): the first
 * 50 in page order, each with the wave of lookups it belongs to, and how many the page named
 * (`at_least`: more than the core read). The detection carries it; the badge hands it to its
 * panel in the frame's URL.
 * @typedef {{ listed: { handle: string, target: string, claim: string | null, wave: number }[], named: number, at_least: boolean }} PageAccounts
 */

/**
 * With a detection that has a target: the badge's words, in the reader's language.
 * @typedef {{ open: string, hide: string, frame: string }} BadgeWords
 */

/**
 * Answers: a lookup's panel view (JSON text, drawn by the wasm's `render_panel`), or an error.
 * @typedef {{ view: string, expires?: number }} ViewAnswer
 * @typedef {{ error: { kind: string, message: string } }} ErrorAnswer
 */

export {};
