//! A software family, as a server names its software in NodeInfo (`software.name`) or an HTML
//! `generator`: forks (Sharkey, Akkoma, glitch-soc…) under their parent, whose URL shapes,
//! follow templates and quirks they share.

use serde::Serialize;

/// A software family: forks share URL shapes, follow templates and quirks with their parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Threads,
    Mastodon,
    Misskey,
    Pleroma,
    GoToSocial,
    Lemmy,
    PeerTube,
    Pixelfed,
    Friendica,
    WordPress,
}

impl Family {
    pub const ALL: [Family; 10] = [
        Family::Threads,
        Family::Mastodon,
        Family::Misskey,
        Family::Pleroma,
        Family::GoToSocial,
        Family::Lemmy,
        Family::PeerTube,
        Family::Pixelfed,
        Family::Friendica,
        Family::WordPress,
    ];

    /// Its name in JSON (as serde writes it, for the CLI and the extension alike).
    pub fn id(self) -> &'static str {
        match self {
            Family::Threads => "threads",
            Family::Mastodon => "mastodon",
            Family::Misskey => "misskey",
            Family::Pleroma => "pleroma",
            Family::GoToSocial => "gotosocial",
            Family::Lemmy => "lemmy",
            Family::PeerTube => "peertube",
            Family::Pixelfed => "pixelfed",
            Family::Friendica => "friendica",
            Family::WordPress => "wordpress",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Family::Threads => "Threads",
            Family::Mastodon => "Mastodon",
            Family::Misskey => "Misskey",
            Family::Pleroma => "Pleroma/Akkoma",
            Family::GoToSocial => "GoToSocial",
            Family::Lemmy => "Lemmy",
            Family::PeerTube => "PeerTube",
            Family::Pixelfed => "Pixelfed",
            Family::Friendica => "Friendica",
            Family::WordPress => "WordPress",
        }
    }
}

/// NodeInfo `software.name` (lower-cased) → family. Forks hide behind their own names.
pub const FORK_FAMILIES: &[(&str, Family)] = &[
    ("mastodon", Family::Mastodon),
    ("glitch", Family::Mastodon),
    ("glitchsoc", Family::Mastodon),
    ("hometown", Family::Mastodon),
    ("fedibird", Family::Mastodon),
    ("corgidon", Family::Mastodon),
    ("misskey", Family::Misskey),
    ("sharkey", Family::Misskey),
    ("firefish", Family::Misskey),
    ("calckey", Family::Misskey),
    ("iceshrimp", Family::Misskey),
    ("catodon", Family::Misskey),
    ("fedired", Family::Misskey),
    ("meisskey", Family::Misskey),
    ("foundkey", Family::Misskey),
    ("cherrypick", Family::Misskey),
    ("pleroma", Family::Pleroma),
    ("akkoma", Family::Pleroma),
    ("gotosocial", Family::GoToSocial),
    ("lemmy", Family::Lemmy),
    ("peertube", Family::PeerTube),
    ("pixelfed", Family::Pixelfed),
    ("friendica", Family::Friendica),
    ("wordpress", Family::WordPress),
];

/// The family of a NodeInfo or `generator` software name ("Fedired", "Friendica 'Yellow Archangel'
/// 2024.03", "WordPress 6.5" all work): the first word, lower-cased, looked up in `FORK_FAMILIES`.
pub fn family_of(software_name: &str) -> Option<Family> {
    let first_word: String = software_name
        .trim()
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase()) // the table is ASCII (Unicode's case and letter tables would be in the wasm otherwise)
        .collect();
    FORK_FAMILIES.iter().find(|(name, _)| *name == first_word).map(|(_, family)| *family)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forks_map_to_their_family_whatever_the_case() {
        assert_eq!(family_of("Fedired"), Some(Family::Misskey));
        assert_eq!(family_of("catodon"), Some(Family::Misskey));
        assert_eq!(family_of("akkoma"), Some(Family::Pleroma));
        assert_eq!(family_of("corgidon"), Some(Family::Mastodon));
        assert_eq!(family_of("Friendica 'Yellow Archangel' 2024.03-dev"), Some(Family::Friendica));
        assert_eq!(family_of("WordPress 6.5.2"), Some(Family::WordPress));
        assert_eq!(family_of("aoderelay"), None);
    }
}
