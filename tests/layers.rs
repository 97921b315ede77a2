//! The core's layers import one way only: a module names modules of its own layer or of a lower
//! one, never of a higher one or of a sibling (`lookup` and `homeapi` share a rank and never
//! name each other), and no two modules name each other, however indirectly. The order is
//! `src/core/mod.rs`'s; this test reads every file of `src/core/` and fails on an upward,
//! sideways or circular import, or on a layer folder it does not know.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Lowest first; the same rank means neither may name the other.
const LAYERS: &[(&str, u8)] = &[
    ("text", 0),
    ("words", 1),
    ("net", 2),
    ("protocol", 3),
    ("identity", 4),
    ("report", 5),
    ("lookup", 6),
    ("homeapi", 6),
    ("wire", 7),
];

fn rank(layer: &str) -> Option<u8> {
    LAYERS.iter().find(|(name, _)| *name == layer).map(|(_, rank)| *rank)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/core/identity/software/rules.rs` → ["identity", "software", "rules"]; a `mod.rs` is its folder.
fn module_path(core: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(core).unwrap().with_extension("");
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The source without comments (a doc comment may name any module: it is not an import).
fn code_of(source: &str) -> String {
    source
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                return "";
            }
            match line.find(" //") {
                Some(at) => &line[..at],
                None => line,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A use tree's paths: `a::{b, c::{self, D}}` → `a::b`, `a::c`, `a::c::D` (`self` is its parent).
fn expand(tree: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    let (head, group) = match tree.find('{') {
        Some(open) => (&tree[..open], Some(&tree[open + 1..tree.rfind('}').unwrap_or(tree.len())])),
        None => (tree, None),
    };
    let mut path = prefix.to_vec();
    let head = head.split(" as ").next().unwrap_or_default();
    path.extend(head.split("::").map(str::trim).filter(|w| !w.is_empty() && *w != "self").map(str::to_string));
    let Some(group) = group else {
        out.push(path);
        return;
    };
    // Split the group at its top-level commas.
    let (mut depth, mut start) = (0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                expand(&group[start..i], &path, out);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !group[start..].trim().is_empty() {
        expand(&group[start..], &path, out);
    }
}

/// The end of a path or use tree that starts `text`: its braces balanced.
fn tree_end(text: &str) -> usize {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            c if depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':') => return i,
            _ => {}
        }
    }
    text.len()
}

/// The inline modules of a file (`mod name { … }`): where each starts and ends, outermost first.
fn inline_modules(code: &str) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("mod ").map(|i| from + i) {
        from = at + 4;
        if code[..at].chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[from..];
        let name_end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        let after = rest[name_end..].trim_start();
        if name_end == 0 || !after.starts_with('{') {
            continue; // `mod name;`: a file of its own
        }
        let open = code.len() - after.len();
        let mut depth = 0;
        let end = code[open..]
            .char_indices()
            .find_map(|(i, c)| {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(open + i)
            })
            .unwrap_or(code.len());
        found.push((open, end, rest[..name_end].to_string()));
    }
    found
}

/// Every module path the code names through `crate::core::…` or `super::…` (resolved against
/// `module`), use trees expanded.
fn named_paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::core::") {
        rest = &rest[at + "crate::core::".len()..];
        expand(&rest[..tree_end(rest)], &[], &mut found);
    }
    // `super::` counts from the module it is written in: the file's, or an inline `mod x { … }`
    // inside it (`mod tests { use super::*; }` names the file's own module).
    let inline = inline_modules(code);
    let mut from = 0;
    while let Some(at) = code[from..].find("super::").map(|i| from + i) {
        from = at + "super::".len();
        if code[..at].chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut parent = module.to_vec();
        parent.extend(inline.iter().filter(|(start, end, _)| (*start..*end).contains(&at)).map(|(_, _, n)| n.clone()));
        let mut rest = &code[at..];
        while let Some(after) = rest.strip_prefix("super::") {
            parent.pop();
            rest = after;
        }
        expand(&rest[..tree_end(rest)], &parent, &mut found);
    }
    found
}

struct Core {
    /// Module path → the modules it names (resolved to the longest module that exists).
    imports: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    upward: Vec<String>,
    edges: Vec<String>,
}

fn read_core() -> Core {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    let modules: BTreeMap<Vec<String>, String> =
        files.iter().map(|f| (module_path(&core, f), code_of(&fs::read_to_string(f).unwrap()))).collect();
    let mut imports: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let mut upward = Vec::new();
    let mut edges = Vec::new();
    for (module, code) in &modules {
        if code.contains("crate::wasm") || code.contains("crate::cli") {
            upward.push(format!("{} names the edges (crate::wasm or crate::cli)", module.join("::")));
        }
        let Some(from) = module.first() else { continue };
        let Some(from_rank) = rank(from) else {
            upward.push(format!("src/core/{from} is no layer of tests/layers.rs"));
            continue;
        };
        for path in named_paths(code, module) {
            let Some(to) = path.first() else { continue };
            let Some(to_rank) = rank(to) else {
                upward.push(format!("{} names crate::core::{}, no layer", module.join("::"), path.join("::")));
                continue;
            };
            if to_rank > from_rank || (to_rank == from_rank && to != from) {
                upward.push(format!("{} ({from}) names {} ({to})", module.join("::"), path.join("::")));
            }
            // The module named: the longest prefix of the path that is a file of the core.
            let target = (1..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| modules.contains_key(p));
            if let Some(target) = target.filter(|t| t != module) {
                edges.push(format!("{} -> {}", module.join("::"), target.join("::")));
                imports.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    Core { imports, upward, edges }
}

/// A cycle among the core's modules, as `a -> b -> a`, if there is one. A folder's `mod.rs`
/// counts as a module like any other: a child that names its parent's items while the parent
/// names the child's is a cycle (declaring a submodule, `mod x;`, names nothing).
fn a_cycle(imports: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<String> {
    fn visit(
        at: &Vec<String>,
        imports: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        done: &mut BTreeSet<Vec<String>>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<String> {
        if let Some(start) = stack.iter().position(|m| m == at) {
            let mut names: Vec<String> = stack[start..].iter().map(|m| m.join("::")).collect();
            names.push(at.join("::"));
            return Some(names.join(" -> "));
        }
        if !done.insert(at.clone()) {
            return None;
        }
        stack.push(at.clone());
        for next in imports.get(at).into_iter().flatten() {
            if let Some(cycle) = visit(next, imports, done, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    imports.keys().find_map(|m| visit(m, imports, &mut done, &mut Vec::new()))
}

#[test]
fn no_module_of_the_core_imports_from_a_layer_above_or_beside_it() {
    let core = read_core();
    assert!(core.upward.is_empty(), "imports against the layers:\n{}", core.upward.join("\n"));
    // The reader reads real imports: the core's modules name each other hundreds of times.
    assert!(core.edges.len() > 100, "only {} imports read: is the reader broken?", core.edges.len());
}

#[test]
fn no_two_modules_of_the_core_import_each_other() {
    let core = read_core();
    assert_eq!(a_cycle(&core.imports), None);
}

#[test]
fn the_reader_finds_upward_and_circular_imports() {
    let module = vec!["protocol".to_string(), "nodeinfo".to_string()];
    let named =
        named_paths("use crate::core::identity::{software::{self, X}, detect};\nuse super::handle::Handle;", &module);
    assert!(named.contains(&vec!["identity".into(), "software".into()]), "{named:?}");
    assert!(named.contains(&vec!["identity".into(), "detect".into()]), "{named:?}");
    assert!(named.contains(&vec!["protocol".into(), "handle".into(), "Handle".into()]), "{named:?}");
    let a = vec!["net".to_string(), "fetch".to_string()];
    let b = vec!["protocol".to_string(), "nodeinfo".to_string()];
    let imports = BTreeMap::from([(a.clone(), BTreeSet::from([b.clone()])), (b.clone(), BTreeSet::from([a.clone()]))]);
    assert_eq!(a_cycle(&imports).as_deref(), Some("net::fetch -> protocol::nodeinfo -> net::fetch"));
    let in_tests = named_paths("fn a() {}\nmod tests {\n    use super::*;\n}\n", &module);
    assert_eq!(in_tests, vec![vec!["protocol".to_string(), "nodeinfo".to_string()]], "the file's own module");
    assert_eq!(code_of("// crate::core::wire\nlet x = 1; // crate::core::wire"), "\nlet x = 1;");
}
