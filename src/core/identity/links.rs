//! Links that name an account: a `rel="me"` link to a profile on another site, a follower
//! list's links to the accounts on its own site. A link names an account when its path is a
//! profile page by the URL rules (`software::match_path`).

use crate::core::identity::software::{self, PageKind, UrlMatch};
use crate::core::identity::threads;
use crate::core::protocol::family::Family;
use crate::core::protocol::handle::Handle;
use crate::core::text::weburl::Url;

/// A `rel="me"` link to a fediverse profile on another site than the page's: its account.
pub fn profile_link(href: &str, page_host: &str) -> Option<(Handle, Url)> {
    let url = Url::parse(href.trim()).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    if host == page_host {
        return None;
    }
    let family = software::known_host_family(&host);
    account_of(url, &host, family)
}

/// A follower list's link to an account's page on the list's own site (`/@user`, `/@user@remote`).
pub fn list_link(href: &str, page_host: &str, family: Option<Family>) -> Option<Handle> {
    let url = Url::parse(href.trim()).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    (host == page_host).then(|| account_of(url, &host, family)).flatten().map(|(h, _)| h)
}

fn account_of(url: Url, host: &str, family: Option<Family>) -> Option<(Handle, Url)> {
    let m = software::match_path(url.path(), family)?;
    if m.kind != PageKind::Profile || m.is_actor_id {
        return None;
    }
    Some((handle_of(&m, host, family)?, url))
}

/// The account a matched path on `host` names: its user on the rule's remote host
/// (`/@user@remote`), on Threads' handle host, or on the page's own. An actor id names no handle.
pub fn handle_of(m: &UrlMatch, host: &str, family: Option<Family>) -> Option<Handle> {
    if m.is_actor_id {
        return None;
    }
    let user = m.user.as_deref()?;
    let handle_host = match (&m.remote, family) {
        (Some(remote), _) => remote.as_str(),
        (None, Some(Family::Threads)) => threads::HANDLE_HOST,
        (None, _) => host,
    };
    Handle::new(user, handle_host).ok()
}
