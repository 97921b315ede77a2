//! NodeInfo: discovery (`/.well-known/nodeinfo`) and the 2.0/2.1 document, read best-effort.
//! Each field has its own small parser from untrusted JSON, so one odd field never loses the rest.

use crate::core::net::fetch::{Fetch, Gate, ACCEPT_JSON};
use crate::core::protocol::family::{family_of, Family};
use crate::core::text::json::Json;
use crate::core::text::weburl::Url;
use crate::core::words::{msg, Msg};
use serde::Serialize;
use std::cell::RefCell;

pub const SCHEMA_2_0: &str = "http://nodeinfo.diaspora.software/ns/schema/2.0";
pub const SCHEMA_2_1: &str = "http://nodeinfo.diaspora.software/ns/schema/2.1";

pub fn discovery_url(host: &str) -> Option<Url> {
    Url::parse(&format!("https://{host}/.well-known/nodeinfo")).ok()
}

/// The document URL from a discovery document: 2.1 preferred, then 2.0 (key order varies).
pub fn pick_document(discovery: &Json) -> Option<&str> {
    let links = discovery.get("links")?.as_array()?;
    let href_for = |schema: &str| {
        links
            .iter()
            .find(|l| l.get("rel").and_then(Json::as_str).map(|r| r.trim_end_matches('/')) == Some(schema))
            .and_then(|l| l.get("href")?.as_str())
    };
    href_for(SCHEMA_2_1).or_else(|| href_for(SCHEMA_2_0))
}

/// What Fedilens reads from a NodeInfo document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NodeInfo {
    /// `software.name`, lower-cased (Fedired sends "Fedired").
    pub software: Option<String>,
    pub version: Option<String>,
    pub family: Option<Family>,
    pub protocols: Vec<String>,
    pub open_registrations: Option<bool>,
    pub users: Option<u64>,
    pub node_name: Option<String>,
    /// Pleroma/Akkoma MRF: domains this server rejects (its published block list).
    pub rejected_domains: Vec<String>,
}

impl NodeInfo {
    /// Reads a NodeInfo document; `None` only when it is not a JSON object at all.
    pub fn parse(body: &[u8]) -> Option<NodeInfo> {
        let doc = Json::parse(body).ok()?;
        NodeInfo::from_object(&doc)
    }

    /// `None` when the document is not a JSON object.
    pub fn from_object(doc: &Json) -> Option<NodeInfo> {
        doc.is_object().then(|| NodeInfo::from_value(doc))
    }

    pub fn from_value(doc: &Json) -> NodeInfo {
        let software = doc.get("software");
        let name = software.and_then(|s| s.get("name")).and_then(Json::as_str).map(|n| n.trim().to_ascii_lowercase());
        let metadata = doc.get("metadata").filter(|m| m.is_object());
        NodeInfo {
            family: name.as_deref().and_then(family_of),
            software: name,
            version: software.and_then(|s| s.text("version")),
            protocols: protocols(doc.get("protocols")),
            open_registrations: doc.get("openRegistrations").and_then(loose_bool),
            users: doc.pointer("/usage/users/total").and_then(Json::as_u64),
            node_name: metadata.and_then(|m| m.text("nodeName")),
            rejected_domains: metadata.map(mrf_rejects).unwrap_or_default(),
        }
    }

    pub fn speaks_activitypub(&self) -> bool {
        self.protocols.iter().any(|p| p.eq_ignore_ascii_case("activitypub"))
    }
}

/// 2.x has an array; 1.x had `{"inbound": [...], "outbound": [...]}`.
fn protocols(v: Option<&Json>) -> Vec<String> {
    let strings = |a: &[Json]| a.iter().filter_map(Json::as_str).map(str::to_string).collect::<Vec<_>>();
    match v {
        Some(Json::Array(a)) => strings(a),
        Some(o @ Json::Object(_)) => o.values().filter_map(Json::as_array).flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// Akkoma sends `"openRegistrations":"FALSE"`.
fn loose_bool(v: &Json) -> Option<bool> {
    match v {
        Json::Bool(b) => Some(*b),
        Json::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Json::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// `metadata.federation.mrf_simple.reject`: strings, or `[domain, reason]` pairs in newer Pleroma.
fn mrf_rejects(metadata: &Json) -> Vec<String> {
    let Some(Json::Array(items)) = metadata.pointer("/federation/mrf_simple/reject") else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|i| match i {
            Json::String(d) => Some(d.clone()),
            Json::Array(pair) => pair.first().and_then(Json::as_str).map(str::to_string),
            o @ Json::Object(_) => {
                o.get("instance").or_else(|| o.get("domain")).and_then(Json::as_str).map(str::to_string)
            }
            _ => None,
        })
        .collect()
}

/// What asking a host's NodeInfo came to: the document (and its raw JSON), or the problem.
#[derive(Debug, Clone)]
pub struct NodeInfoOutcome {
    pub info: Option<NodeInfo>,
    pub raw: Option<Json>,
    pub problem: Option<Msg>,
}

/// The NodeInfo hosts gave during a session (the extension's background, one CLI run), so that a
/// host is asked once however many of its accounts are looked up. Bounded: the oldest go first.
#[derive(Debug, Default)]
pub struct HostMemory {
    known: RefCell<Vec<(String, NodeInfoOutcome)>>,
}

impl HostMemory {
    const HOSTS_KEPT: usize = 256;

    fn get(&self, host: &str) -> Option<NodeInfoOutcome> {
        self.known.borrow().iter().find(|(h, _)| h.eq_ignore_ascii_case(host)).map(|(_, o)| o.clone())
    }

    fn remember(&self, host: &str, outcome: &NodeInfoOutcome) {
        let mut known = self.known.borrow_mut();
        if known.len() >= Self::HOSTS_KEPT {
            known.remove(0);
        }
        known.push((host.to_ascii_lowercase(), outcome.clone()));
    }
}

/// A host's NodeInfo: from `memory` (the session's) when the host answered before, else asked
/// (and remembered when it gave a document).
pub async fn fetch<F: Fetch>(gate: &Gate<'_, F>, host: &str, memory: Option<&HostMemory>) -> NodeInfoOutcome {
    if let Some(known) = memory.and_then(|m| m.get(host)) {
        return known;
    }
    let outcome = ask(gate, host).await;
    if let (Some(memory), Some(_)) = (memory, &outcome.info) {
        memory.remember(host, &outcome);
    }
    outcome
}

async fn ask<F: Fetch>(gate: &Gate<'_, F>, host: &str) -> NodeInfoOutcome {
    let fail = |problem: Msg| NodeInfoOutcome { info: None, raw: None, problem: Some(problem) };
    let Some(discovery_url) = discovery_url(host) else {
        return fail(msg::not_a_host(host));
    };
    let discovery = match gate.get(&discovery_url, ACCEPT_JSON).await {
        Ok(f) if f.is_success() => f,
        Ok(f) => return fail(msg::nodeinfo_none(host, f.status)),
        Err(e) => return fail(msg::nodeinfo_failed(e.msg())),
    };
    let Some(href) = Json::parse(&discovery.body).ok().and_then(|d| pick_document(&d).map(str::to_string)) else {
        return fail(msg::nodeinfo_no_schema(host));
    };
    let Ok(doc_url) = discovery.url.join(&href) else {
        return fail(msg::nodeinfo_bad_link(host, href));
    };
    match gate.get(&doc_url, ACCEPT_JSON).await {
        Ok(f) if f.is_success() => {
            let doc = Json::parse(&f.body);
            let info = doc.as_ref().ok().and_then(NodeInfo::from_object);
            let problem = info.is_none().then(|| msg::nodeinfo_not_object(host));
            NodeInfoOutcome { info, raw: Some(f.evidence(doc)), problem }
        }
        Ok(f) => fail(msg::nodeinfo_http(host, f.status)),
        Err(e) => fail(msg::nodeinfo_failed(e.msg())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json {
        Json::parse(text.as_bytes()).unwrap()
    }

    #[test]
    fn prefers_2_1_and_ignores_key_order() {
        let d = json(&format!(
            r#"{{"links":[{{"href":"https://h.example/nodeinfo/2.0.json","rel":"{SCHEMA_2_0}"}},{{"rel":"{SCHEMA_2_1}","href":"https://h.example/nodeinfo/2.1.json"}}]}}"#
        ));
        assert_eq!(pick_document(&d), Some("https://h.example/nodeinfo/2.1.json"));
        assert_eq!(pick_document(&json(r#"{"links":"nope"}"#)), None);
    }

    #[test]
    fn odd_fields_lose_nothing_else() {
        let n = NodeInfo::from_value(&json(
            r#"{"software":{"name":"Fedired","version":"1.0"},"protocols":["activitypub"],"openRegistrations":"FALSE","metadata":[],"usage":{"users":{"total":3}}}"#,
        ));
        assert_eq!(n.software.as_deref(), Some("fedired"));
        assert_eq!(n.family, Some(Family::Misskey));
        assert_eq!(n.open_registrations, Some(false));
        assert_eq!(n.users, Some(3));
        assert!(n.speaks_activitypub());
        assert!(n.rejected_domains.is_empty());
    }

    #[test]
    fn mrf_reject_pairs_and_strings() {
        let n = NodeInfo::from_value(&json(
            r#"{"metadata":{"federation":{"mrf_simple":{"reject":["a.example",["threads.net","Meta"],7]}}}}"#,
        ));
        assert_eq!(n.rejected_domains, vec!["a.example".to_string(), "threads.net".to_string()]);
    }
}
