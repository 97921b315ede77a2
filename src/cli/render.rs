//! The human-readable form of a lookup, for the terminal.

use crate::core::report::Report;
use std::fmt::Write;

pub fn human(r: &Report) -> String {
    let mut out = String::new();
    let who = r.handle.as_ref().map_or_else(|| r.target.clone(), |h| format!("@{h}"));
    let _ = writeln!(out, "{who} — {} ({})", crate::core::wire::view::status_label(r), r.status.as_str());
    let _ = writeln!(out, "  {}", r.headline);
    if let Some(s) = &r.software {
        let version = s.version.as_deref().filter(|v| !v.is_empty()).map(|v| format!(" {v}")).unwrap_or_default();
        let _ = writeln!(out, "  software: {}{version}", s.name);
    }
    if let Some(actor) = &r.actor {
        let _ = writeln!(out, "  actor:    {actor}");
    }
    if let Some(p) = &r.profile {
        if let Some(name) = &p.display_name {
            let kind = p.extras.actor_type.as_deref().map(|t| format!(" ({t})")).unwrap_or_default();
            let _ = writeln!(out, "  name:     {name}{kind}");
        }
        if p.extras.is_cat == Some(true) {
            let _ = writeln!(out, "  is a cat: yes (Misskey isCat)");
        }
        match (&r.moved, &p.extras.moved_to) {
            (Some(moves), _) => {
                let _ = writeln!(out, "  moved:    {}", moves.fact());
            }
            (None, Some(moved)) => {
                let _ = writeln!(out, "  moved to: {moved}");
            }
            (None, None) => {}
        }
    }
    if let Some(b) = &r.bridge {
        use crate::core::identity::bridges::BridgeWay;
        let (how, url) = (&b.handle, &b.url);
        let _ = match (b.way, b.bridged) {
            (BridgeWay::FromWeb, _) => writeln!(out, "  web site: {how}, bridged by Bridgy Fed ({url})"),
            (BridgeWay::FromBluesky, Some(false)) => writeln!(out, "  bluesky:  @{how}, not bridged ({url})"),
            (BridgeWay::FromBluesky, _) => writeln!(out, "  bluesky:  @{how}, bridged by Bridgy Fed ({url})"),
            (BridgeWay::ToBluesky, _) => writeln!(out, "  bluesky:  @{how} if its owner bridged it, not asked ({url})"),
        };
    }
    if let Some(post) = &r.post {
        if let Some(quote) = &post.quote {
            let _ = writeln!(out, "  quotes:   {quote}");
        }
    }
    match (&r.follow_url, &r.home) {
        (Some(url), Some(home)) => {
            let _ = writeln!(out, "  follow from {}: {url}", home.handle.host());
        }
        (None, None) if r.status.followable() => {
            let _ = writeln!(out, "  follow:   pass --home @you@your.instance for a one-click follow link");
        }
        _ => {}
    }
    if !r.checks.is_empty() {
        let _ = writeln!(out, "  checks:");
        for c in &r.checks {
            let _ = writeln!(out, "    {} {}: {}", if c.ok { "ok  " } else { "FAIL" }, c.name(), c.detail);
        }
    }
    let home_warnings = r.home.iter().flat_map(|h| &h.warnings);
    let warnings: Vec<&crate::core::words::Msg> = r.warnings.iter().chain(home_warnings).collect();
    if !warnings.is_empty() {
        let _ = writeln!(out, "  notes:");
        for w in warnings {
            let _ = writeln!(out, "    - {w}");
        }
    }
    out
}
