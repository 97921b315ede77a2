// The messages to the background, one contract, shipped: `MESSAGES` says, per message type, who
// may send it, what it carries, what must be shown before it is handled, and (in its comment, and
// in `Answers` below) what it answers. The background's router checks every message against it at
// runtime (background.js); the JSDoc types below are derived from it, so that `tsc --checkJs`
// (`make lint`) checks the senders and the background's handlers against the same table (content
// scripts, which are classic scripts, name the types with `import("./messages.js")` type imports
// only).
//
// `from`: "page" is our content script in a web page; "extension" is one of our own pages (panel,
// popup, options). `members`: each one's `typeof` ("?" marks one that may be missing or null);
// anything else is refused. `check`: "panel" — a panel framed in a page must give the secret its
// badge put in the frame's URL (the member `secret`, which such a message may always carry);
// "options" — only the options page, at the top of its tab. A message that does not fit is
// refused with `{error: {kind: "bad_message", message}}` before it is handled.

/**
 * @typedef {"page" | "extension"} Sender
 * @typedef {"string" | "string?" | "boolean" | "boolean?" | "number" | "number?" | "object" | "object?"} Member
 * @typedef {{ from: Sender, members: Record<string, Member>, check?: "panel" | "options" }} Contract
 */

export const MESSAGES = /** @type {const} */ ({
  /**
   * The cheap check passed: inject the main part of the content script into this frame, and judge
   * the signals it gathers (its script's result, {@link FirstSignals}). `shape`: it passed on the
   * URL's shape alone (`/@name`…), no signal in the page. Answers {@link Injected}, with the
   * page's {@link Detection} once the main part ran.
   */
  "inject-main": { from: "page", members: { shape: "boolean" } },
  /**
   * The reader approaches a badge: inject the badge's interactive half (badge-panel.js) and the
   * follow guard's page side (panel-guard.js) into this frame. Answers {@link Injected}.
   */
  "inject-guard": { from: "page", members: {} },
  /**
   * The page's signals (as `PageSignals` in src/core/identity/signals.rs reads them) and the secret the
   * badge's panel frame will carry, gathered again (a single-page navigation, a list that grew;
   * the first ones are the main part's result, {@link FirstSignals}). Answers {@link Detection}.
   */
  detect: { from: "page", members: { signals: "object", panelSecret: "string" } },
  /**
   * The badge was pressed: start looking `target` up ahead of its panel's `lookup` (with the
   * page's {@link Claim}). Answers `{started: true}` at once.
   */
  "start-lookup": { from: "page", members: { target: "string", claim: "string?", page: "string?" } },
  /**
   * Look `target` up (`force`: not from the cache), with the page's {@link Claim}. Answers
   * `{view}` ({@link ViewAnswer}) or {@link ErrorAnswer}.
   */
  lookup: { from: "extension", check: "panel", members: { target: "string", force: "boolean?", claim: "string?", page: "string?" } },
  /**
   * The cached answer for `target` if a fresh one exists; never touches the network. Answers
   * {@link ViewAnswer} with `expires`, or `{}`.
   */
  cached: { from: "extension", check: "panel", members: { target: "string", claim: "string?", page: "string?" } },
  /**
   * What the badge in tab `tabId` is about (the popup asks for the current tab). Answers the
   * tab's {@link Detection} (without its words) or `null`.
   */
  "tab-target": { from: "extension", members: { tabId: "number" } },
  /**
   * Check `handle` by WebFinger and save it as the home account if it is one. Answers
   * {@link HomeSaved}.
   */
  "set-home": { from: "extension", check: "panel", members: { handle: "string" } },
  /**
   * Where the reader stands with `handle`, as their connected home instance sees it (issue 14).
   * Answers the home's relationship (the home wasm's `home_status`) or {@link NotConnected}.
   */
  "home-status": { from: "extension", check: "panel", members: { handle: "string" } },
  /**
   * Follow (`follow`) or stop following the account `id` on the home; `now`: its state as shown.
   * Answers as `home-status` does, or {@link NotConnected}.
   */
  "home-follow": { from: "extension", check: "panel", members: { id: "string", follow: "boolean", now: "string" } },
  /**
   * The connected home's own page for the post `object` (its ActivityPub id), with the post's id
   * there, where to reply and the reader's Like and Boost: `{url, id, reply, liked, boosted}` or
   * `{error}` (the home wasm's `home_post`), or {@link NotConnected}.
   */
  "home-post": { from: "extension", check: "panel", members: { object: "string" } },
  /**
   * Like or Boost (`act`) the post `object` through the connected home's API, by `id`, the post's
   * id there (from `home-post`'s answer); `undo` takes it back. Answers `{liked}` or `{boosted}`
   * as the home now says it, or `{error, reconnect}` (the home wasm's `home_act`), or
   * {@link NotConnected}.
   */
  "home-act": { from: "extension", check: "panel", members: { object: "string", id: "string", act: "string", undo: "boolean" } },
  /**
   * The options page: whether a home account is connected (its account, API and host; never the
   * token). Answers {@link Connection} or {@link NotConnected}.
   */
  "home-connection": { from: "extension", members: {} },
  /**
   * Connect the saved home account through its API's authorization (the browser's auth window).
   * From the options page, or from a panel (with its secret) after a person's click. Answers
   * {@link Connection} or {@link ErrorAnswer}.
   */
  "home-connect": { from: "extension", check: "panel", members: {} },
  /**
   * Revoke the token where the home's API allows it, and forget it. Answers
   * `{connected: false, revoked?, message?}` (the home wasm's `home_disconnect`, where there was a
   * connection).
   */
  "home-disconnect": { from: "extension", check: "options", members: {} },
});

/** @typedef {typeof MESSAGES} Messages */
/** @typedef {keyof Messages} MessageType */

/**
 * @template {Member} T
 * @typedef {T extends `string${string}` ? string : T extends `boolean${string}` ? boolean : T extends `number${string}` ? number : object} MemberValue
 */
/**
 * A contract's members as an object type: those marked "?" optional (and nullable).
 * @template {Record<string, Member>} M
 * @typedef {{ -readonly [K in keyof M as M[K] extends `${string}?` ? never : K]: MemberValue<M[K]> }
 *   & { -readonly [K in keyof M as M[K] extends `${string}?` ? K : never]?: MemberValue<M[K]> | null }} MembersOf
 */
/**
 * The message of type `T`, as its contract has it.
 * @template {MessageType} T
 * @typedef {{ type: T } & MembersOf<Messages[T]["members"]> & (Messages[T] extends { check: "panel" } ? { secret?: string } : {})} MessageOf
 */

/** @typedef {MessageOf<"inject-main">} InjectMain */
/** @typedef {MessageOf<"inject-guard">} InjectGuard */
/** @typedef {MessageOf<"detect">} Detect */
/** @typedef {MessageOf<"start-lookup">} StartLookup */
/** @typedef {MessageOf<"lookup">} Lookup */
/** @typedef {MessageOf<"cached">} Cached */
/** @typedef {MessageOf<"tab-target">} TabTarget */
/** @typedef {MessageOf<"set-home">} SetHome */
/** @typedef {MessageOf<"home-status">} HomeStatus */
/** @typedef {MessageOf<"home-follow">} HomeFollow */
/** @typedef {MessageOf<"home-post">} HomePost */
/** The runtime checks a string; the wasm knows these two. @typedef {MessageOf<"home-act"> & { act: "like" | "boost" }} HomeAct */
/** @typedef {MessageOf<"home-connection">} HomeConnection */
/** @typedef {MessageOf<"home-connect">} HomeConnect */
/** @typedef {MessageOf<"home-disconnect">} HomeDisconnect */

/** Any message the background takes. @typedef {{ [T in MessageType]: MessageOf<T> }[MessageType]} Message */

/**
 * What each message answers (besides {@link ErrorAnswer}, the refusal or failure any may get):
 * the background's handlers are checked against it (background.js). The home wasm's answers are
 * its own JSON (`any` here), read by the panel's wasm.
 * @typedef {{
 *   "inject-main": Injected, "inject-guard": Injected, detect: Detection, "start-lookup": { started: true },
 *   lookup: ViewAnswer, cached: ViewAnswer | {}, "tab-target": Detection | null, "set-home": HomeSaved,
 *   "home-status": any, "home-follow": any, "home-post": any, "home-act": any,
 *   "home-connection": Connection | NotConnected, "home-connect": Connection | ErrorAnswer,
 *   "home-disconnect": { connected: false, revoked?: boolean, message?: string },
 * }} Answers
 */

/**
 * A claim the page makes about an account: `creator` (fediverse:creator) or `rel_me`, judged
 * against `page`, the page's URL.
 * @typedef {{ claim?: string | null, page?: string | null }} Claim
 */

// The answers.

/**
 * `detection`: what the background judged of the signals the main part gathered (absent when
 * nothing was injected, or the frame went away).
 * @typedef {{ injected: boolean, detection?: Detection }} Injected
 */

/**
 * What content-main.js's script evaluates to, which `scripting.executeScript` hands the
 * background: the members of a {@link Detect} message, checked as its contract says.
 * @typedef {Omit<Detect, "type">} FirstSignals
 */

/**
 * A page that names several accounts (src/core/identity/accounts.rs, `PageAccounts` as serde writes it): the first
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
 * The core's detection (the lookup wasm's `detect`), and with a target the badge's words and
 * whether it shows by itself (`badge`: the options' switch, the sites where × hid it).
 * @typedef {{ kind: string, target?: string, claim?: string | null, handle?: string, accounts?: PageAccounts, list_page?: boolean, candidate?: boolean, error?: unknown,
 *   words?: BadgeWords, badge?: boolean }} Detection
 */

/**
 * A lookup's panel view (JSON text, drawn by the wasm's `render_panel`) and until when a cached
 * one is fresh; or the background's refusal or failure.
 * @typedef {{ view: string, expires?: number }} ViewAnswer
 * @typedef {{ error: { kind: string, message: string } }} ErrorAnswer
 */

/**
 * The lookup wasm's `check_home` answer (`server` and `api`: where and how to connect the account,
 * or `no_api`: why it cannot be), and whether it was saved (`saved`: it is `usable`).
 * @typedef {{ handle: string, usable: boolean, saved: boolean, status: string, headline: string, software?: { name: string, version?: string } | null,
 *   server?: string | null, api?: string | null, no_api?: string | null }} HomeSaved
 */

/**
 * No home connection (or one for another saved account than today's). `connect`: whether a
 * Connect button makes sense here — for `home-status`, a home account saved whose server speaks an
 * API Fedilens knows, in a browser with the approval window (the panel's wasm reads this very
 * member, `render_relationship`); for `home-connection`, whether the browser has that window.
 * @typedef {{ connected: false, connect?: boolean }} NotConnected
 */

/**
 * A connected home account, never its token. `current`: made for the saved home account (a
 * connection for an earlier one can only be disconnected).
 * @typedef {{ connected: true, current: boolean, account: string, api: string, host: string }} Connection
 */
