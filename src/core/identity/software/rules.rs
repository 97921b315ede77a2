//! The URL rules: one table of page shapes per software, from each software's router (the route
//! tables in tests/fixtures/routes/ and `tests/routes.rs` check it row by row), and the words
//! that no account name takes. Matching them is `software::match_path`.

use crate::core::protocol::family::Family;
use serde::Serialize;

/// What a page (or a URL) is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Profile,
    Post,
}

/// Whether a rule applies on any host of the family or only where the family is already known
/// (a bare `/{user}` path means nothing on an unknown host).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    AnyHost,
    KnownFamilyOnly,
}

/// One URL shape. The path pattern has segments separated by `/`; inside a segment `{user}`,
/// `{remote}`, `{id}` and `{actor}` (an actor id's segment, not a user name) capture text without
/// `@` or `/`, `{num}` captures digits (as the id). A
/// whole segment `(a|b|c)` is one of those words, and `{any}` any text. The segments up to the
/// last capture name the account or post (its canonical page); those after it, a tab or a
/// sub-page of it. A trailing `/` on the page is ignored.
#[derive(Debug, Clone, Copy)]
pub struct UrlRule {
    pub family: Family,
    pub kind: PageKind,
    pub path: &'static str,
    pub scope: Scope,
    /// The account's or post's own page, for a page about it under another prefix
    /// (`/followers/{user}` is about `/profile/{user}`); else the path less its tab.
    pub own: Option<&'static str>,
}

const fn rule(family: Family, kind: PageKind, path: &'static str, scope: Scope) -> UrlRule {
    UrlRule { family, kind, path, scope, own: None }
}

/// A page about the account or post whose own page is `own` (its captures filled in).
const fn about(family: Family, kind: PageKind, path: &'static str, own: &'static str, scope: Scope) -> UrlRule {
    UrlRule { family, kind, path, scope, own: Some(own) }
}

use Family as F;
use PageKind::{Post, Profile};
use Scope::{AnyHost, KnownFamilyOnly};

/// Profile and post URL shapes, per software, from each software's own route definitions (cited
/// row by row; Threads has no public source: its rows come from URLs seen in public). Every page
/// about one account (its tabs, its follower lists) is that account's profile; every page about
/// one post (its sub-pages too) is that post. Pages that are about neither (search, explore,
/// settings, tag timelines) have no row. Order matters: the first match wins, so the more specific
/// shapes come first. Shapes shared by several families (`/@{user}`) are listed under the first
/// family that uses them; detection replaces the family when a fingerprint says otherwise.
pub const URL_RULES: &[UrlRule] = &[
    // Threads (www.threads.net and www.threads.com; the handle is always user@threads.net). Seen
    // in public URLs: `/@user/post/<code>` (FACTS.md §1), `/@user/replies` (scrapers' referers);
    // `/reposts` and `/media` are the other profile tabs the web app shows (not seen in a
    // public source). `/fediverse_profile/<user>@<host>` is Threads' page about a fediverse
    // account elsewhere (snarfed/bridgy-fed#1878), with or without a leading `@`.
    rule(F::Threads, Post, "/@{user}/post/{id}", KnownFamilyOnly),
    rule(F::Threads, Post, "/@{user}/post/{id}/(media|replies|reposts|quotes)", KnownFamilyOnly),
    rule(F::Threads, Profile, "/@{user}", KnownFamilyOnly),
    rule(F::Threads, Profile, "/@{user}/(replies|reposts|media)", KnownFamilyOnly),
    rule(F::Threads, Profile, "/fediverse_profile/{user}@{remote}", KnownFamilyOnly),
    rule(F::Threads, Profile, "/fediverse_profile/@{user}@{remote}", KnownFamilyOnly),
    // Mastodon, also Misskey's and Akkoma's front ends. `/@user@remote` is about the REMOTE account.
    // mastodon/mastodon config/routes.rb: `/@:username` and its tabs featured, collections,
    // with_replies, media, tagged/:tag, following, followers; `/@:account_username/:id` (+ /embed);
    // `/@:username_with_domain/(*any)`. The web app's router
    // (app/javascript/mastodon/features/ui/index.jsx) adds `/@:acct/:statusId/{reblogs,favourites,quotes}`.
    // Feeds of an account (misskey-dev/misskey ClientServerService.ts `/@:user.atom`, `.rss`,
    // `.json`): before `/@{user}`, which would take `alice.atom` for a name.
    about(F::Misskey, Profile, "/@{user}@{remote}.atom", "/@{user}@{remote}", AnyHost),
    about(F::Misskey, Profile, "/@{user}@{remote}.rss", "/@{user}@{remote}", AnyHost),
    about(F::Misskey, Profile, "/@{user}@{remote}.json", "/@{user}@{remote}", AnyHost),
    about(F::Misskey, Profile, "/@{user}.atom", "/@{user}", AnyHost),
    about(F::Misskey, Profile, "/@{user}.rss", "/@{user}", AnyHost),
    about(F::Misskey, Profile, "/@{user}.json", "/@{user}", AnyHost),
    rule(F::Mastodon, Post, "/@{user}@{remote}/{num}", AnyHost),
    rule(F::Mastodon, Post, "/@{user}@{remote}/{num}/(embed|reblogs|favourites|quotes)", AnyHost),
    rule(F::Mastodon, Post, "/@{user}/{num}", AnyHost),
    rule(F::Mastodon, Post, "/@{user}/{num}/(embed|reblogs|favourites|quotes)", AnyHost),
    rule(F::Mastodon, Profile, "/@{user}@{remote}", AnyHost),
    rule(F::Mastodon, Profile, "/@{user}@{remote}/(featured|collections|with_replies|media|following|followers)", AnyHost),
    rule(F::Mastodon, Profile, "/@{user}@{remote}/(tagged|collections)/{any}", AnyHost),
    rule(F::Mastodon, Profile, "/@{user}", AnyHost),
    rule(F::Mastodon, Profile, "/@{user}/(featured|collections|with_replies|media|following|followers)", AnyHost),
    rule(F::Mastodon, Profile, "/@{user}/(tagged|collections)/{any}", AnyHost),
    rule(F::Mastodon, Profile, "/@{user}/(wrapstodon)/{any}/{any}", AnyHost),
    rule(F::Mastodon, Post, "/users/{actor}/statuses/{id}", AnyHost),
    // An actor's collections (Mastodon's routes.rb `resources :accounts, path: 'users'` with
    // outbox, followers, following; Pixelfed's routes/web.php the same; inboxes take only POSTs).
    rule(F::Mastodon, Profile, "/users/{actor}/(outbox|followers|following|followers_synchronization|publickey|main-key)", AnyHost),
    rule(F::Mastodon, Profile, "/users/{actor}/(collections)/(featured|tags|devices)", AnyHost),
    rule(F::Mastodon, Post, "/users/{actor}/statuses/{id}/(activity|embed|replies|likes|shares)", AnyHost),
    // The web app's lists of a remote account's followers (index.jsx `/users/:acct/followers`).
    rule(F::Mastodon, Profile, "/users/{user}@{remote}/(followers|following)", AnyHost),
    // Mastodon 4.5's numeric ids (routes.rb `scope 'ap'`: `/ap/users/:id`, its collections and
    // statuses), served beside the `/users/:username` ones.
    rule(F::Mastodon, Profile, "/ap/users/{actor}", AnyHost),
    rule(F::Mastodon, Profile, "/ap/users/{actor}/(followers|following|outbox|featured_collections|followers_synchronization)", AnyHost),
    rule(F::Mastodon, Profile, "/ap/users/{actor}/(collections)/(featured|tags|devices)", AnyHost),
    rule(F::Mastodon, Post, "/ap/users/{actor}/statuses/{id}", AnyHost),
    rule(F::Mastodon, Post, "/ap/users/{actor}/statuses/{id}/(activity|replies|likes|shares)", AnyHost),
    // GoToSocial: superseriousbusiness/gotosocial internal/web/web.go `/@:username/statuses/:id`.
    rule(F::GoToSocial, Post, "/@{user}/statuses/{id}", AnyHost),
    rule(F::GoToSocial, Profile, "/@{user}/(custom.css|feed.rss)", AnyHost),
    // Misskey and forks: misskey-dev/misskey packages/frontend/src/router.definition.ts
    // `/@:acct/:page?` (the tabs of pages/user/index.vue), `/@:acct/following`, `/@:acct/followers`,
    // `/notes/:noteId/:initialTab?` (replies, renotes, reactions).
    rule(F::Misskey, Post, "/notes/{id}", AnyHost),
    rule(F::Misskey, Post, "/notes/{id}/(replies|renotes|reactions|activity)", AnyHost),
    // ClientServerService.ts: the embeds.
    about(F::Misskey, Profile, "/embed/user-timeline/{actor}", "/users/{actor}", KnownFamilyOnly),
    about(F::Misskey, Post, "/embed/notes/{id}", "/notes/{id}", KnownFamilyOnly),
    rule(
        F::Misskey,
        Profile,
        "/@{user}@{remote}/(home|notes|activity|achievements|reactions|clips|lists|pages|flashs|gallery|raw|following|followers)",
        AnyHost,
    ),
    rule(
        F::Misskey,
        Profile,
        "/@{user}/(home|notes|activity|achievements|reactions|clips|lists|pages|flashs|gallery|raw)",
        AnyHost,
    ),
    // Pleroma / Akkoma: lib/pleroma/web/router.ex `/notice/:id`, `/objects/:uuid`; pleroma-fe
    // src/boot/routes.js `/notice/:id/quotes`, `/remote-users/:hostname/:username`,
    // `/remote-users/@:username@:hostname`. Their post ids are base62 (`/@nick/AbC…` on their hosts).
    rule(F::Pleroma, Post, "/notice/{id}", AnyHost),
    rule(F::Pleroma, Post, "/notice/{id}/(quotes|embed_player)", AnyHost),
    rule(F::Pleroma, Post, "/activities/{id}", KnownFamilyOnly),
    rule(F::Pleroma, Post, "/objects/{id}", KnownFamilyOnly),
    rule(F::Pleroma, Post, "/@{user}/{id}", KnownFamilyOnly),
    rule(F::Pleroma, Profile, "/remote-users/@{user}@{remote}", AnyHost),
    rule(F::Pleroma, Profile, "/remote-users/{remote}/{user}", AnyHost),
    rule(F::Pleroma, Profile, "/remote-users/{user}@{remote}", AnyHost),
    // router.ex: a remote account by its handle under /users/ (its collections for any account),
    // a local one's feed; `/:maybe_nickname_or_id` is the front end's page for any account.
    rule(F::Pleroma, Profile, "/users/{user}@{remote}", KnownFamilyOnly),
    rule(F::Pleroma, Profile, "/users/{user}@{remote}/(outbox|followers|following)", KnownFamilyOnly),
    rule(F::Pleroma, Profile, "/users/{user}@{remote}/(collections)/{any}", KnownFamilyOnly),
    // A GET of its inbox answers its owner (ActivityPub's client-to-server inbox).
    rule(F::Pleroma, Profile, "/users/{actor}/(inbox)", KnownFamilyOnly),
    about(F::Pleroma, Profile, "/users/{actor}/feed.atom", "/users/{actor}", KnownFamilyOnly),
    about(F::Pleroma, Profile, "/users/{actor}/feed.rss", "/users/{actor}", KnownFamilyOnly),
    rule(F::Pleroma, Profile, "/{user}@{remote}", KnownFamilyOnly),
    rule(F::Pleroma, Profile, "/{user}", KnownFamilyOnly),
    // Lemmy: LemmyNet/lemmy-ui src/shared/utils/routes.ts `/u/:username`, `/c/:name` (a community:
    // a Group), `/post/:post_id/:comment_id?`, `/comment/:id`.
    // The feeds and settings of a person, community or multi-community (`/m/`, Lemmy 1.0), in
    // lemmy-ui's routes.ts @ d08625c82e61 and the backend's routes.rs @ 439734dd638a
    // (tests/fixtures/routes/lemmy.tsv): before `/u/{user}`, which would take `alice.rss`.
    about(F::Lemmy, Profile, "/u/{user}@{remote}.rss", "/u/{user}@{remote}", KnownFamilyOnly),
    about(F::Lemmy, Profile, "/c/{user}@{remote}.rss", "/c/{user}@{remote}", KnownFamilyOnly),
    about(F::Lemmy, Profile, "/m/{user}@{remote}.rss", "/m/{user}@{remote}", KnownFamilyOnly),
    about(F::Lemmy, Profile, "/u/{user}.rss", "/u/{user}", KnownFamilyOnly),
    about(F::Lemmy, Profile, "/c/{user}.rss", "/c/{user}", KnownFamilyOnly),
    about(F::Lemmy, Profile, "/m/{user}.rss", "/m/{user}", KnownFamilyOnly),
    about(F::Lemmy, Profile, "/feeds/u/{user}@{remote}.xml", "/u/{user}@{remote}", KnownFamilyOnly),
    about(F::Lemmy, Profile, "/feeds/c/{user}@{remote}.xml", "/c/{user}@{remote}", KnownFamilyOnly),
    about(F::Lemmy, Profile, "/feeds/m/{user}@{remote}.xml", "/m/{user}@{remote}", KnownFamilyOnly),
    about(F::Lemmy, Profile, "/feeds/u/{user}.xml", "/u/{user}", KnownFamilyOnly),
    about(F::Lemmy, Profile, "/feeds/c/{user}.xml", "/c/{user}", KnownFamilyOnly),
    about(F::Lemmy, Profile, "/feeds/m/{user}.xml", "/m/{user}", KnownFamilyOnly),
    rule(F::Lemmy, Profile, "/u/{user}@{remote}", AnyHost),
    rule(F::Lemmy, Profile, "/u/{user}", AnyHost),
    rule(F::Lemmy, Profile, "/c/{user}@{remote}", AnyHost),
    rule(F::Lemmy, Profile, "/c/{user}", AnyHost),
    rule(F::Lemmy, Profile, "/m/{user}@{remote}", KnownFamilyOnly),
    rule(F::Lemmy, Profile, "/m/{user}", KnownFamilyOnly),
    rule(F::Lemmy, Profile, "/(u|c|m)/{user}@{remote}/(feed|settings)", KnownFamilyOnly),
    rule(F::Lemmy, Profile, "/(u|c|m)/{user}/(feed|settings)", KnownFamilyOnly),
    rule(F::Lemmy, Post, "/post/{id}", KnownFamilyOnly),
    rule(F::Lemmy, Post, "/post/{id}/{any}", KnownFamilyOnly),
    rule(F::Lemmy, Post, "/comment/{id}", KnownFamilyOnly),
    // PeerTube: Chocobozzz/PeerTube client/src/app/+accounts/routes.ts (`/a/:accountId`, tabs
    // video-channels, videos), +video-channels/routes.ts (`/c/:videoChannelName`, tabs videos,
    // video-playlists), app.routes.ts (`accounts` → `a`, `video-channels` → `c`, `videos/watch` → `w`).
    // tests/fixtures/routes/peertube.tsv: the remote forms (`name@host`), the tabs, comments
    // (server/core/controllers/activitypub/client.ts: `/videos/watch/:videoId/comments/:commentId`),
    // embeds, and the owner's pages about a video or channel (+videos-publish-manage, +my-library).
    rule(F::PeerTube, Profile, "/(accounts|a)/{user}@{remote}", AnyHost),
    rule(F::PeerTube, Profile, "/(accounts|a)/{user}@{remote}/(video-channels|videos|search)", AnyHost),
    rule(F::PeerTube, Profile, "/(video-channels|c)/{user}@{remote}", AnyHost),
    rule(F::PeerTube, Profile, "/(video-channels|c)/{user}@{remote}/(videos|video-playlists)", AnyHost),
    rule(F::PeerTube, Profile, "/accounts/{user}", AnyHost),
    rule(F::PeerTube, Profile, "/accounts/{user}/(video-channels|videos|search|outbox)", AnyHost),
    rule(F::PeerTube, Profile, "/video-channels/{user}", AnyHost),
    rule(F::PeerTube, Profile, "/video-channels/{user}/(videos|video-playlists|outbox)", AnyHost),
    rule(F::PeerTube, Profile, "/a/{user}", KnownFamilyOnly),
    rule(F::PeerTube, Profile, "/a/{user}/(video-channels|videos|search)", KnownFamilyOnly),
    rule(F::PeerTube, Profile, "/c/{user}", KnownFamilyOnly),
    rule(F::PeerTube, Profile, "/c/{user}/(videos|video-playlists)", KnownFamilyOnly),
    about(F::PeerTube, Profile, "/manage/update/{user}", "/c/{user}", KnownFamilyOnly),
    about(F::PeerTube, Profile, "/my-library/video-channels/(update|manage)/{user}", "/c/{user}", KnownFamilyOnly),
    about(F::PeerTube, Profile, "/my-library/video-channels/(manage)/{user}/{any}", "/c/{user}", KnownFamilyOnly),
    rule(F::PeerTube, Post, "/videos/watch/{id}", AnyHost),
    // A comment's page is its own post (its id: the whole path).
    rule(F::PeerTube, Post, "/videos/watch/{id}/comments/{num}", AnyHost),
    about(F::PeerTube, Post, "/videos/embed/{id}", "/videos/watch/{id}", AnyHost),
    about(F::PeerTube, Post, "/videos/(manage|update)/{id}", "/videos/watch/{id}", KnownFamilyOnly),
    about(F::PeerTube, Post, "/studio/edit/{id}", "/videos/watch/{id}", KnownFamilyOnly),
    about(F::PeerTube, Post, "/stats/videos/{id}", "/videos/watch/{id}", KnownFamilyOnly),
    about(F::PeerTube, Post, "/videos/manage/{id}/{any}", "/videos/watch/{id}", KnownFamilyOnly),
    rule(F::PeerTube, Post, "/w/{id}", KnownFamilyOnly),
    rule(F::PeerTube, Post, "/w/{id}/comments/{num}", KnownFamilyOnly),
    // Pixelfed: pixelfed/pixelfed routes/web.php @ 8aae92d75b48 (tests/fixtures/routes/pixelfed.tsv):
    // `{username}` and its `embed`, `live`; `p/{username}/{id}` (+ `embed`, `edit`, `.json`; `/c`
    // always answers 404); `p/{id}` by short code; stories, portfolio and feeds about an account.
    // Profiles have no `@`, so only on hosts known to run Pixelfed.
    rule(F::Pixelfed, Post, "/p/{user}/{num}", KnownFamilyOnly),
    rule(F::Pixelfed, Post, "/p/{user}/{num}/(embed|edit)", KnownFamilyOnly),
    about(F::Pixelfed, Post, "/p/{user}/{num}.json", "/p/{user}/{id}", KnownFamilyOnly),
    rule(F::Pixelfed, Post, "/p/{id}", KnownFamilyOnly),
    about(F::Pixelfed, Post, "/i/portfolio/{user}/{num}", "/p/{user}/{id}", KnownFamilyOnly),
    about(F::Pixelfed, Profile, "/i/portfolio/{user}", "/{user}", KnownFamilyOnly),
    about(F::Pixelfed, Profile, "/account/portfolio/{user}.json", "/{user}", KnownFamilyOnly),
    about(F::Pixelfed, Profile, "/account/portfolio/{user}.rss", "/{user}", KnownFamilyOnly),
    about(F::Pixelfed, Profile, "/stories/{user}", "/{user}", KnownFamilyOnly),
    about(F::Pixelfed, Profile, "/stories/{user}/{id}", "/{user}", KnownFamilyOnly),
    rule(F::Pixelfed, Profile, "/{user}", KnownFamilyOnly),
    rule(F::Pixelfed, Profile, "/{user}/(embed|live)", KnownFamilyOnly),
    // Friendica: friendica/friendica static/routes.config.php @ a0a8aeb30488
    // (tests/fixtures/routes/friendica.tsv): a profile at `/profile/{nickname}`, `/u/{nickname}`
    // and `/~{nickname}`, each with `$profileRoutes`' tabs; pages about the account under other
    // prefixes (its followers, outbox, feeds, photos, calendar); posts at `/display/{guid}`,
    // their ActivityPub ids `/objects/{guid}`, and `/fetch/…/{guid}` (Diaspora's fetch).
    rule(F::Friendica, Profile, "/profile/{user}", AnyHost),
    rule(F::Friendica, Profile, "/profile/{user}/(profile|conversations|contacts|media|photos|schedule|remote_follow|restricted)", AnyHost),
    rule(F::Friendica, Profile, "/profile/{user}/(conversations|contacts)/{any}", AnyHost),
    rule(F::Friendica, Profile, "/u/{user}", KnownFamilyOnly),
    rule(F::Friendica, Profile, "/u/{user}/(profile|conversations|contacts|media|photos|schedule|remote_follow|restricted)", KnownFamilyOnly),
    rule(F::Friendica, Profile, "/u/{user}/(conversations|contacts)/{any}", KnownFamilyOnly),
    rule(F::Friendica, Profile, "/~{user}", KnownFamilyOnly),
    rule(F::Friendica, Profile, "/~{user}/(profile|conversations|contacts|media|photos|schedule|remote_follow|restricted)", KnownFamilyOnly),
    rule(F::Friendica, Profile, "/~{user}/(conversations|contacts)/{any}", KnownFamilyOnly),
    about(F::Friendica, Profile, "/(followers|following|outbox|featured|feed|noscrape|hcard|photos)/{user}", "/profile/{user}", KnownFamilyOnly),
    about(F::Friendica, Profile, "/(feed)/{user}/(posts|comments|replies|activity)", "/profile/{user}", KnownFamilyOnly),
    about(F::Friendica, Profile, "/(noscrape)/{user}/(view)", "/profile/{user}", KnownFamilyOnly),
    about(F::Friendica, Profile, "/(hcard)/{user}/{any}", "/profile/{user}", KnownFamilyOnly),
    about(F::Friendica, Profile, "/(photos)/{user}/(upload)", "/profile/{user}", KnownFamilyOnly),
    about(F::Friendica, Profile, "/(photos)/{user}/(upload|album)/{any}", "/profile/{user}", KnownFamilyOnly),
    about(F::Friendica, Profile, "/calendar/(show|export)/{user}", "/profile/{user}", KnownFamilyOnly),
    about(F::Friendica, Profile, "/calendar/(export)/{user}/(csv|ical)", "/profile/{user}", KnownFamilyOnly),
    rule(F::Friendica, Post, "/display/{id}", AnyHost),
    rule(F::Friendica, Post, "/objects/{id}", KnownFamilyOnly),
    rule(F::Friendica, Post, "/objects/{id}/{any}", KnownFamilyOnly),
    about(F::Friendica, Post, "/fetch/(post|status_message|reshare)/{id}", "/display/{id}", KnownFamilyOnly),
    // WordPress ActivityPub plugin: author archives (includes/model/class-user.php `get_url()` is
    // `get_author_posts_url()`); posts are found by their alternate link.
    // Automattic/wordpress-activitypub @ 19120d4b7ef9 (tests/fixtures/routes/wordpress.tsv): the
    // author's `activitypub` endpoint, the REST actors (`(users|actors)/{user_id}`, ids) and
    // their collections. Posts' URLs are the blog's permalinks: the page's alternate link says.
    rule(F::WordPress, Profile, "/author/{user}", KnownFamilyOnly),
    rule(F::WordPress, Profile, "/author/{user}/(activitypub)", KnownFamilyOnly),
    about(F::WordPress, Profile, "/wp-json/activitypub/1.0/(users|actors)/{actor}", "/wp-json/activitypub/1.0/actors/{actor}", AnyHost),
    about(
        F::WordPress,
        Profile,
        "/wp-json/activitypub/1.0/(users|actors)/{actor}/(followers|following|inbox|outbox|remote-follow)",
        "/wp-json/activitypub/1.0/actors/{actor}",
        AnyHost,
    ),
    about(F::WordPress, Profile, "/wp-json/activitypub/1.0/(users|actors)/{actor}/(collections)/(tags|featured)", "/wp-json/activitypub/1.0/actors/{actor}", AnyHost),
    // Actor ids many servers share (Mastodon, Pleroma, Misskey, GoToSocial, Pixelfed)
    about(F::Mastodon, Profile, "/users/{actor}.atom", "/users/{actor}", AnyHost),
    rule(F::Mastodon, Profile, "/users/{actor}", AnyHost),
];

/// The profile tabs that list accounts: a follower or a following list (Mastodon's routes.rb and
/// Misskey's router.definition.ts, as in the rows above). Their web apps draw each listed account
/// as a link to its `/@acct` page on the same site: Mastodon's `Account` component,
/// `<Link className='account__display-name' to={`/@${account.acct}`}>`
/// (app/javascript/mastodon/components/account/index.tsx); Misskey's follow list
/// (pages/user/follow-list.vue) draws `MkUserInfo`, whose name links to `userPage(user)`, `/@acct`.
pub const ACCOUNT_LIST_TABS: &[&str] = &["/followers", "/following"];
/// What the content script gathers on such a page (only there): the site's links to `/@` pages.
pub const ACCOUNT_LIST_LINKS: &str = "a[href^='/@']";

/// Shapes several families use (Mastodon, Misskey, Akkoma, GoToSocial, Pixelfed…): matching one
/// says nothing about the software.
pub(super) const SHARED_SHAPES: &[&str] = &[
    "/@{user}",
    "/@{user}@{remote}",
    "/@{user}/{num}",
    "/@{user}@{remote}/{num}",
    "/users/{actor}",
    "/users/{actor}/statuses/{id}",
];

/// First path segments that are pages, not accounts, on the servers whose profiles are a bare
/// `/{user}` (Pixelfed's routes/web.php, Pleroma's router.ex and Pleroma-FE's routes.js, as their
/// route tables in tests/fixtures/routes/ list them). Only their rules consult it (Pixelfed's
/// `/i/portfolio/settings` is no portfolio): `/@about` is an account like any other.
pub(super) const RESERVED_NAMES: &[&str] = &[
    "explore",
    "about",
    "settings",
    "search",
    "login",
    "i",
    "discover",
    "site",
    "account",
    "auth",
    "c",
    "e",
    "p",
    "stories",
    "timeline",
    "users",
    "web",
    "groups",
    "register",
    "password",
    "home",
    "logout",
    "installer",
    "bookmarks",
    "registration",
    "password-reset",
    "friend-requests",
    "shout-panel",
    "oauth-callback",
    "who-to-follow",
    "announcements",
    "drafts",
    "lists",
    "nav-edit",
    "bookmark_folders",
    "ostatus_subscribe",
    "authorize_interaction",
    "relay",
    "manifest.json",
    "user_exists",
    "check_password",
    // PeerTube's instance actor, whose page redirects to the local videos (peertube.tsv).
    "peertube",
];

/// The families whose rules consult `RESERVED_NAMES`.
pub(super) const RESERVED_NAMES_FOR: &[Family] = &[F::Pixelfed, F::Pleroma, F::PeerTube];

/// Shared shapes a family's router does not serve. PeerTube's client takes a local `@name` only
/// (its actor-redirect guard's pattern `^@([a-z0-9][a-z0-9._]+)$`, peertube.tsv):
/// `/@alice@example.org` is its 404 page.
pub(super) const NOT_SERVED: &[(Family, &str)] = &[(F::PeerTube, "/@{user}@{remote}")];

/// Other interfaces that serve a family's pages under a prefix: Mastodon's advanced web UI
/// (`/deck/…`: config/routes/web_app.rb serves the web app there, whose router strips `/deck`) and
/// its legacy `/web/…` (302 to the path without it; mastodon.tsv). A page there is about the
/// account or post the rest of the path names.
pub const INTERFACE_PREFIXES: &[(Family, &str)] = &[(F::Mastodon, "/deck"), (F::Mastodon, "/web")];
