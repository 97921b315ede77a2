// Types for `make lint` (tsc --checkJs), not shipped. The browsers' extension API is used
// loosely (the same code runs on `browser` in Firefox and `chrome` in Chromium).
declare var browser: any;
declare var chrome: any;
/** Prepended to the content script by the build, from `src/bin/content-rules.rs`. */
declare const RULES: { known_hosts: string[]; path_prefixes: string[]; marker_ids: string[]; selectors: string[]; list_links: string;
  gather: { links: string; metas: string; rel_me: string; acct_links: string; json_ld: string; max_links: number } };
/** Set by `look-alike-host.js` on hosts the background found not to be fediverse this session. */
declare var fedilensLookAlikeHost: boolean | undefined;
/** Firefox gives content scripts a page element's shadow root, closed or open. */
interface Element {
  readonly openOrClosedShadowRoot?: ShadowRoot | null;
}
