//! The route tables: every route each server's own router declares (tests/fixtures/routes/, one
//! file per router, each citing the file and commit it was read from), each classified by what a
//! person opening it sees. Every row is walked: the URL rules (`software::URL_RULES`) must say
//! the same of its example path, and the rows must add up to the router's count of routes, so a
//! route left out or left unclassified fails.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use fedilens::core::identity::software::{match_path, PageKind};
use fedilens::core::protocol::family::Family;
use std::collections::BTreeMap;
use std::path::Path;

/// What a page is about, as a route table says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Profile,
    ProfileTab,
    Post,
    PostSub,
    None,
}

impl Class {
    fn parse(word: &str) -> Option<Class> {
        Some(match word {
            "profile" => Class::Profile,
            "profile-tab" => Class::ProfileTab,
            "post" => Class::Post,
            "post-sub" => Class::PostSub,
            "none" => Class::None,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Class::Profile => "profile",
            Class::ProfileTab => "profile-tab",
            Class::Post => "post",
            Class::PostSub => "post-sub",
            Class::None => "none",
        }
    }
}

/// What the URL rules make of `example` (its path: the rules never see the query) on a host
/// known to run `family`.
fn classify(example: &str, family: Family) -> Class {
    let path = example.split('?').next().unwrap_or(example);
    let Some(m) = match_path(path, Some(family)) else { return Class::None };
    let own = path.trim_end_matches('/') == m.canonical_path.trim_end_matches('/');
    match (m.kind, own) {
        (PageKind::Profile, true) => Class::Profile,
        (PageKind::Profile, false) => Class::ProfileTab,
        (PageKind::Post, true) => Class::Post,
        (PageKind::Post, false) => Class::PostSub,
    }
}

struct Table {
    file: String,
    family: Family,
    /// The header's count of the router's routes, per class.
    declared: BTreeMap<Class, usize>,
    rows: Vec<Row>,
}

struct Row {
    route: String,
    class: Class,
    example: String,
    /// How many of the router's routes the row stands for: 1, or for a namespace row
    /// (`/admin/**`) the count its note gives ("80 routes", "47 paths").
    weight: usize,
    /// The URL names the account or post (`url`), so the URL rules must know it; or it does not
    /// (`page`: a local id, a query, a permalink, an action), so they must not guess: the page's
    /// own markup or document says what it is. `None` for a POST: no browser opens it (its
    /// URL's GET is another row).
    by_url: Option<bool>,
}

/// The count of the first "<n> routes" (or paths, or pages) in a note.
fn routes_counted(note: &str) -> Option<usize> {
    let words: Vec<&str> = note.split([' ', ';', ',', '(', ')', ':']).filter(|w| !w.is_empty()).collect();
    // "80 routes", or with a word between: "109 GET routes", "157 method+path registrations".
    // "Routes" before "pages" ("… config (8 pages) … (59 routes)" counts 59).
    [&["routes", "paths", "registrations"][..], &["pages"]].into_iter().find_map(|names| {
        (0..words.len())
            .filter(|&at| names.contains(&words[at]))
            .find_map(|at| words[at.saturating_sub(2)..at].iter().rev().find_map(|w| w.parse().ok()))
    })
}

fn family_named(name: &str) -> Family {
    Family::ALL.into_iter().find(|f| f.id() == name).unwrap_or_else(|| panic!("no family {name}"))
}

fn read_table(path: &Path) -> Table {
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(path).unwrap();
    let mut family = None;
    let mut declared = BTreeMap::new();
    let mut sources = 0;
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let at = format!("{file}:{}", n + 1);
        if let Some(header) = line.strip_prefix("# ") {
            if let Some(name) = header.strip_prefix("family: ") {
                family = Some(family_named(name.trim()));
            } else if let Some(source) = header.strip_prefix("source: ") {
                let commit = source.rsplit("@ ").next().unwrap_or_default().trim();
                assert!(
                    commit.len() == 40 && commit.bytes().all(|b| b.is_ascii_hexdigit()),
                    "{at}: a source names its 40-hex commit"
                );
                sources += 1;
            } else if let Some(counts) = header.strip_prefix("routes: ") {
                // `routes: 123 (profile 4, profile-tab 10, post 3, post-sub 4, none 102)`
                let inside = counts
                    .split_once('(')
                    .and_then(|(_, r)| r.strip_suffix(')'))
                    .unwrap_or_else(|| panic!("{at}: counts in (…)"));
                for part in inside.split(", ") {
                    let (class, count) = part.rsplit_once(' ').unwrap();
                    let class = Class::parse(class).unwrap_or_else(|| panic!("{at}: no class {class}"));
                    declared.insert(class, count.parse().unwrap());
                }
                let total: usize = counts.split(' ').next().unwrap().parse().unwrap();
                assert_eq!(total, declared.values().sum::<usize>(), "{at}: the total is the sum of the classes");
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "{at}: route, class and example, tab-separated");
        let class = Class::parse(cols[1].trim())
            .unwrap_or_else(|| panic!("{at}: route {} is not classified ({:?})", cols[0], cols[1]));
        let note = cols.get(3).copied().unwrap_or_default();
        let weight = if cols[0].ends_with("/**") { routes_counted(note).unwrap_or(1) } else { 1 };
        let by_url = match cols.get(4).map(|c| c.trim()) {
            Some("url") | None => Some(true),
            Some("page") => Some(false),
            Some("post") => None,
            Some(other) => panic!("{at}: known by url or page, not {other:?}"),
        };
        rows.push(Row { route: cols[0].to_string(), class, example: cols[2].trim().to_string(), weight, by_url });
    }
    assert!(sources > 0, "{file}: cites its source");
    let family = family.unwrap_or_else(|| panic!("{file}: names its family"));
    Table { file, family, declared, rows }
}

fn tables() -> Vec<Table> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routes");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    paths.sort();
    paths.iter().map(|p| read_table(p)).collect()
}

#[test]
fn every_route_of_every_router_is_counted_and_classified() {
    let tables = tables();
    assert!(!tables.is_empty(), "the tables are there");
    for t in &tables {
        let mut counted: BTreeMap<Class, usize> = BTreeMap::new();
        for row in &t.rows {
            *counted.entry(row.class).or_default() += row.weight;
        }
        counted.retain(|_, n| *n > 0);
        let mut declared = t.declared.clone();
        declared.retain(|_, n| *n > 0);
        assert_eq!(counted, declared, "{}: the rows add up to the router's routes", t.file);
    }
}

#[test]
fn the_url_rules_say_of_every_route_what_its_table_says() {
    let mut wrong = Vec::new();
    let mut rows = 0;
    for t in tables() {
        for row in &t.rows {
            rows += 1;
            assert!(row.example.starts_with('/'), "{}: {}: an example path", t.file, row.route);
            let Some(by_url) = row.by_url else { continue };
            let got = classify(&row.example, t.family);
            let want = if by_url { row.class } else { Class::None };
            if got != want {
                wrong.push(format!(
                    "{} {:<45} {:<40} want: {:<11} rules: {}",
                    t.file,
                    row.route,
                    row.example,
                    want.name(),
                    got.name()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {rows} routes classified otherwise by the URL rules:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
