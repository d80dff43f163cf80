//! The crate's layers run one way: foundations (time, errors, the format's
//! words) → model → scoring → graph algorithms → analyses → formats and
//! privacy → the public API. A module may name modules of its own layer or
//! below, never above; and no two modules name each other, directly or
//! round a circle, at any level of the tree. Read from the sources, so a
//! new import that breaks the order fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layer of each top-level module; the crate root is the API above all.
const LAYERS: &[(&str, u8)] = &[
    ("error", 0),
    ("time", 0),
    ("words", 0),
    ("model", 1),
    ("scoring", 2),
    ("graph", 3),
    ("analysis", 4),
    ("format", 5),
    ("privacy", 5),
    ("generate", 5),
    ("args", 6),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every source file with its module path (`model::store`; the root is "").
fn modules() -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![src()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src()).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            out.push((parts, std::fs::read_to_string(&path).unwrap()));
        }
    }
    out
}

/// The code of a file without comments and without its test module (tests
/// may use anything).
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(cut) => &text[..cut],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(cut) if !line[..cut].contains('"') => &line[..cut],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(text: &str, at: usize) -> Option<&str> {
    let rest = &text[at..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// The module paths a file names: `crate::a::b`, `super::x` and
/// `use super::{x, y}`, resolved to absolute paths of at most two parts
/// (enough for every circle this crate could have).
fn references(module: &[String], text: &str) -> BTreeSet<Vec<String>> {
    let mut found = BTreeSet::new();
    let mut push = |mut path: Vec<String>, rest: &str| {
        // Up to two segments after the base, each an identifier followed by ::
        let mut at = 0;
        while path.len() < 2 {
            let Some(id) = ident_at(rest, at) else { break };
            if id.chars().next().is_some_and(|c| c.is_uppercase()) {
                break;
            }
            path.push(id.to_owned());
            at += id.len();
            if !rest[at..].starts_with("::") {
                break;
            }
            at += 2;
        }
        if !path.is_empty() {
            found.insert(path);
        }
    };
    for (i, _) in text.match_indices("crate::") {
        if text[..i].ends_with('$') {
            continue;
        }
        push(Vec::new(), &text[i + 7..]);
    }
    // `super` is the module's parent (a directory's `mod.rs` is the
    // directory's module, whose parent is the one above).
    let parent: Vec<String> = module[..module.len().saturating_sub(1)].to_vec();
    for (i, _) in text.match_indices("super::") {
        let rest = &text[i + 7..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let item = item.trim();
                if !item.is_empty() {
                    push(parent.clone(), item);
                }
            }
        } else {
            push(parent.clone(), rest);
        }
    }
    found
}

fn layer(top: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == top).map(|(_, l)| *l)
}

#[test]
fn every_top_level_module_has_a_layer() {
    for (module, _) in modules() {
        if let Some(top) = module.first() {
            assert!(
                layer(top).is_some(),
                "src/{top}: give it a layer in tests/layers.rs"
            );
        }
    }
}

#[test]
fn no_module_names_a_higher_layer() {
    let mut wrong = Vec::new();
    for (module, text) in modules() {
        let Some(top) = module.first() else { continue };
        let Some(mine) = layer(top) else { continue };
        for path in references(&module, &code(&text)) {
            let Some(theirs) = path.first().and_then(|t| layer(t)) else {
                continue;
            };
            if theirs > mine {
                wrong.push(format!("{} names {}", module.join("::"), path.join("::")));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

/// A circle in `edges`, if there is one.
fn circle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        at: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        trail: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(at.to_owned(), 1);
        trail.push(at.to_owned());
        for next in edges.get(at).into_iter().flatten() {
            match state.get(next.as_str()) {
                Some(1) => {
                    let from = trail.iter().position(|m| m == next).unwrap_or(0);
                    let mut found = trail[from..].to_vec();
                    found.push(next.clone());
                    return Some(found);
                }
                Some(_) => {}
                None => {
                    if let Some(found) = visit(next, edges, state, trail) {
                        return Some(found);
                    }
                }
            }
        }
        trail.pop();
        state.insert(at.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for start in edges.keys() {
        if !state.contains_key(start) {
            if let Some(found) = visit(start, edges, &mut state, &mut Vec::new()) {
                return Some(found);
            }
        }
    }
    None
}

#[test]
fn no_import_circles() {
    // Between top-level modules, and between the files of each directory.
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, text) in modules() {
        if module.is_empty() {
            continue;
        }
        for path in references(&module, &code(&text)) {
            // The same prefix decides the level: a top-level edge when the
            // tops differ, a file edge when they share a directory.
            let (from, to) = if path[0] != module[0] {
                (module[0].clone(), path[0].clone())
            } else if module.len() >= 2 && path.len() >= 2 && path[1] != module[1] {
                (module[..2].join("::"), path[..2].join("::"))
            } else {
                continue;
            };
            edges.entry(from).or_default().insert(to);
        }
    }
    if let Some(found) = circle(&edges) {
        panic!("an import circle: {}", found.join(" → "));
    }
}

#[test]
fn the_check_finds_what_it_should() {
    // The reader of references, on the shapes the crate uses.
    let model = vec!["model".to_owned(), "store".to_owned()];
    let refs = references(
        &model,
        "use super::{key::InteractionKey, records::X};\nuse crate::analysis::snapshot::S;\nuse crate::Error;",
    );
    let want: BTreeSet<Vec<String>> = [
        vec!["model", "key"],
        vec!["model", "records"],
        vec!["analysis", "snapshot"],
    ]
    .iter()
    .map(|p| p.iter().map(|s| s.to_string()).collect())
    .collect();
    assert_eq!(refs, want);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("a".into());
    assert!(circle(&edges).is_some());
}
