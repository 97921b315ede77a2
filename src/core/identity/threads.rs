//! Threads, the one service whose rules differ (FACTS.md §3, from captures of threads.net and
//! threads.com): its handles live on threads.net whatever host name a page uses; it shows actors
//! only to signed server requests (an unsigned fetch, a browser's, gets 404 with its not-found
//! body: `protocol::activitypub::is_threads_not_found`), so Fedilens never asks for a Threads
//! actor or post and publishes no NodeInfo to rely on; and an account that has not opted in to
//! sharing is "not shared", not "not federated". Its host names are `software::KNOWN_HOSTS`'.

use crate::core::identity::software::known_host_family;
use crate::core::protocol::family::Family;
use crate::core::protocol::handle::Handle;

/// Threads' handles always live on threads.net, whichever of its host names a page uses.
pub const HANDLE_HOST: &str = "threads.net";

/// A host name of Threads (`threads.net`, `www.threads.com`…).
pub fn is_threads_host(host: &str) -> bool {
    known_host_family(host) == Some(Family::Threads)
}

/// The handle as servers know it: Threads' four host names all mean `@user@threads.net`.
pub fn canonical_handle(handle: Handle) -> Handle {
    if is_threads_host(handle.host()) {
        handle.with_host(HANDLE_HOST)
    } else {
        handle
    }
}

/// An account of Threads: its software says so, or its handle is on Threads' handle host. The
/// one test for "not shared" wording (the panel's label and the headline alike).
pub fn is_threads_account(handle: Option<&Handle>, family: Option<Family>) -> bool {
    family == Some(Family::Threads) || handle.is_some_and(|h| h.host() == HANDLE_HOST)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_threads_host_name_means_a_threads_net_handle() {
        for host in ["threads.net", "www.threads.net", "threads.com", "WWW.Threads.com"] {
            let handle = Handle::new("zuck", host).unwrap();
            assert_eq!(canonical_handle(handle).to_string(), "zuck@threads.net", "{host}");
        }
        let elsewhere = Handle::new("zuck", "threads.example").unwrap();
        assert_eq!(canonical_handle(elsewhere.clone()), elsewhere);
    }

    #[test]
    fn a_threads_account_by_its_software_or_its_handle() {
        let handle = Handle::new("zuck", "threads.net").unwrap();
        assert!(is_threads_account(Some(&handle), None));
        assert!(is_threads_account(None, Some(Family::Threads)));
        let other = Handle::new("zuck", "mastodon.social").unwrap();
        assert!(!is_threads_account(Some(&other), Some(Family::Mastodon)));
    }
}
