//! The messages the core says: one constructor each, with the values its text refers to, and the
//! list the catalogue test holds every language to. A table of data.

/// Declares the messages the core says: one constructor each (so that a message is always made
/// with the values its text refers to), and `DECLARED`, which the catalogue test holds every
/// language to.
macro_rules! messages {
    ($($id:ident($($param:ident),*);)*) => {
        /// Constructors, one per message the core says.
        pub mod msg {
            #![allow(clippy::too_many_arguments)]
            use crate::core::words::message::{Arg, Msg};
            $(
                #[inline]
                pub fn $id($($param: impl Into<Arg>),*) -> Msg {
                    Msg::of(stringify!($id), [$($param.into()),*])
                }
            )*
        }
        /// Every message the core says, with its parameters.
        pub const DECLARED: &[(&str, &[&str])] = &[$((stringify!($id), &[$(stringify!($param)),*])),*];
    };
}

messages! {
    // Statuses: the coloured label.
    status_federated();
    status_unverified();
    status_not_shared();
    status_not_federated();
    status_not_bridged();
    status_signed_fetch_only();
    status_unreachable();
    status_invalid();
    status_refused();
    // Headlines: one sentence for people.
    headline_federated(who);
    headline_unverified(who, problem);
    headline_not_shared(who);
    headline_not_federated(who, problem);
    headline_not_bridged(who, opt_in);
    headline_signed_fetch_only(who);
    headline_unreachable(who, problem);
    headline_invalid(who, problem);
    headline_refused(who, problem);
    headline_unchecked(who);
    // Checks (verify.rs) and the page's claim.
    check_webfinger_subject_ok(resource, subject);
    check_webfinger_subject_fail(resource, subject);
    check_self_link_ok(href);
    check_self_link_fail();
    check_object_origin_ok(id, from);
    check_object_origin_fail(from, id);
    check_handle_same_host(actor, host);
    check_handle_split_domain(actor_host, handle);
    check_handle_split_unconfirmed(host, actor_host, handle);
    check_post_author_ok(actor);
    check_post_author_fail(author, actor);
    check_post_author_none();
    check_post_origin_ok(post, actor_host);
    check_post_origin_fail(post_host, actor_host);
    check_handle_claim_ok(host, handle, actor);
    check_handle_claim_other(actor, handle, host, other);
    check_handle_claim_fail(actor, handle, host);
    check_rel_me_ok(page);
    check_rel_me_fail(page);
    check_alternate_ok(page);
    check_alternate_fail(page);
    check_attribution_ok(host);
    check_attribution_fail(host);
    claim_unreadable();
    claim_confirmed();
    claim_unconfirmed();
    claim_creator(verdict, detail);
    claim_rel_me(verdict, detail);
    claim_alternate(verdict, detail);
    // Why a lookup failed (lookup/ and the documents' readers).
    target_not_url(input, error);
    target_not_web_url(input);
    not_found_threads(status);
    not_found_host(host, status, handle);
    not_bridged(who, opt_in);
    webfinger_http(host, status);
    webfinger_no_actor();
    webfinger_other_account(host, handle);
    webfinger_not_json(error);
    webfinger_not_object();
    webfinger_html(host, error);
    webfinger_media(host, media, error);
    webfinger_invalid(host, error);
    webfinger_nothing_to_ask();
    actor_signed_only(host, code);
    actor_missing(url, code);
    actor_not_activitypub(url, media);
    actor_http(url, code);
    actor_invalid(url, error);
    actor_no_handle(actor);
    threads_unsigned_skipped();
    post_signed_only(status);
    post_gone(status);
    post_not_activitypub(media);
    post_http(status);
    post_invalid(error);
    post_published(date);
    object_signed_only(host, status);
    object_missing(url, status);
    object_web_page(url, media);
    object_http(url, status);
    object_invalid(url, error);
    object_no_author(url);
    object_author_unfetchable(author, url);
    document_not_json(error);
    document_not_object();
    document_no_id();
    retry_after(seconds);
    not_a_host(host);
    // The network and the egress policy.
    fetch_dns(error);
    fetch_connect(error);
    fetch_tls(error);
    fetch_timeout();
    fetch_too_large();
    fetch_hidden_redirect();
    fetch_blocked(error);
    fetch_cors_likely(error);
    fetch_other(error);
    fetch_failed(url, error);
    gate_timeout(url, seconds);
    gate_too_large(url, kib);
    refused_not_https(url);
    refused_private(url);
    refused_local_name(url);
    refused_credentials(url);
    refused_too_many_requests(count);
    refused_too_many_redirects(url);
    refused_hidden_redirect(url);
    // Handles.
    handle_empty();
    handle_too_long(max);
    handle_not_handle(input);
    handle_bad_user(input);
    handle_bad_host(input);
    // NodeInfo.
    nodeinfo_none(host, status);
    nodeinfo_no_schema(host);
    nodeinfo_bad_link(host, href);
    nodeinfo_not_object(host);
    nodeinfo_http(host, status);
    nodeinfo_failed(error);
    // The home instance.
    home_does_not_know(host, handle);
    home_unasked(host, handle);
    home_blocks(home, domain);
    home_silences(home, domain);
    // The panel: facts, actions, documents, its own words.
    fact_unproven(name, actor, who);
    fact_group();
    fact_web_site(site);
    fact_automated(kind);
    fact_actor_type(kind);
    fact_cat();
    fact_moved(to);
    fact_moved_proven(to);
    fact_moved_proven_unnamed(actor);
    fact_moved_unproven(to);
    fact_moved_unreachable(to, why);
    fact_moved_loop(to);
    fact_moved_too_far(count, last);
    moved_no_reason();
    moved_not_url(url);
    fact_approves_followers();
    fact_not_discoverable();
    fact_field(name, value);
    fact_quotes(post);
    action_open_post(host);
    action_open_post_unproven(host);
    action_open(host);
    action_follow(host);
    action_follow_unproven(who, host);
    action_follow_moved(who, host);
    action_like(host);
    action_boost(host);
    action_reply(host);
    action_set_home();
    action_search(host);
    panel_on_bluesky(handle);
    panel_on_bluesky_link();
    doc_webfinger();
    doc_actor();
    doc_object();
    doc_nodeinfo();
    doc_label(document);
    panel_evidence();
    panel_documents();
    panel_copy();
    panel_copied();
    panel_retry();
    panel_try_again();
    panel_looking_up();
    panel_could_not_look_up();
    panel_no_answer();
    panel_home_label();
    panel_save();
    panel_not_a_view();
    panel_as_home_sees_it(home);
    panel_follow_api();
    panel_unfollow_api();
    panel_withdraw_api();
    panel_connect();
    // A post liked or boosted through a connected home's API (homeapi/post.rs).
    panel_home_like(home);
    panel_home_liked(home);
    panel_home_boost(home);
    panel_home_boosted(home);
    // A page that names several accounts (accounts.rs).
    panel_accounts_title(count);
    panel_accounts_some(listed, named);
    panel_accounts_at_least(listed, named);
    panel_accounts_all(named);
    panel_account_failed(why);
    panel_follow_all(count, home);
    panel_follow_all_confirm(count, home);
    panel_follow_all_yes(count);
    panel_follow_all_no();
    panel_row_following(home);
    panel_row_claim_confirmed();
    panel_row_claim_unconfirmed();
    panel_row_requested(home);
    panel_row_not_followed(home, why);
    home_seen_counts(posts, followers, following);
    // Following through the home instance's API (homeapi.rs).
    relation_following();
    relation_requested();
    relation_not_following();
    relation_follows_you();
    relation_blocking();
    relation_blocked_by();
    relation_muting();
    relation_domain_blocking();
    api_reconnect(home);
    api_denied(home);
    api_refused(home);
    api_refused_because(home, words);
    api_not_found(home);
    api_rejected(home);
    api_rejected_because(home, words);
    api_busy(home);
    api_busy_for(home, seconds);
    api_down(home, status);
    api_invalid(home);
    api_unreachable(home, why);
    api_not_approved(home);
    api_wrong_account(home, approved);
    connect_revoked(home);
    connect_revoke_there(home, page);
    connect_no_api(home, software);
    connect_home_unknown(home);
    connect_unproven(home);
    // Detection: why a page is (or is not) about the fediverse.
    detect_host_runs(software);
    detect_bad_url();
    detect_no_host();
    detect_not_web(scheme);
    detect_known_host(host, software);
    detect_bluesky(host);
    detect_links_document(href);
    detect_shape_post(software);
    detect_shape_post_any();
    detect_shape_profile(software);
    detect_shape_profile_any();
    detect_only_shape();
    detect_no_signal();
    detect_other_site(href);
    detect_remote_account(handle, host);
    detect_misskey_meta();
    detect_root_element(software, id);
    detect_generator(generator);
    detect_platform(platform);
    detect_schema_org(kind, handle);
    detect_creator(handle);
    detect_post_author(handle);
    detect_page_names(count);
    detect_rel_me(href);
}
