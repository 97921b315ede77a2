//! What a page says about an account or a document, which a lookup then judges
//! (`report::judge_claim`): a page's word is a claim until the account's own server confirms it.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// `<meta name="fediverse:creator">`: the page says the account wrote it.
    Creator,
    /// `rel="me"`: the page says it belongs to the account.
    RelMe,
    /// `<link rel="alternate" type="application/activity+json">` to a document on another site:
    /// the page says that document is its own.
    Alternate,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 3] = [ClaimKind::Creator, ClaimKind::RelMe, ClaimKind::Alternate];

    /// As the content script and the CLI name it (`creator`, `rel_me`, `alternate`).
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Creator => "creator",
            ClaimKind::RelMe => "rel_me",
            ClaimKind::Alternate => "alternate",
        }
    }

    pub fn parse(name: &str) -> Option<ClaimKind> {
        ClaimKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}
