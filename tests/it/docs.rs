//! The documentation keeps up with the code: the README's Layout names every
//! source file and folder.

use std::path::Path;

/// The files under `dir`, as paths relative to `root`, sorted.
fn files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).unwrap();
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn the_readme_layout_names_every_source_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme.find("\n## Layout").expect("a Layout section");
    let layout = &readme[start + 1..];
    let layout = &layout[..layout[3..].find("\n## ").map_or(layout.len(), |e| e + 3)];
    let src = root.join("src");
    let mut sources = Vec::new();
    files(&src, &src, &mut sources);
    sources.sort();
    assert!(sources.len() > 50, "{sources:?}");
    let missing: Vec<&String> = sources
        .iter()
        .filter(|file| {
            let (dir, name) = file.rsplit_once('/').unwrap_or(("", file.as_str()));
            let named = name == "mod.rs" || layout.contains(&format!("`{name}`"));
            let folder = dir.is_empty() || layout.contains(&format!("`{dir}/`"));
            let whole = layout.contains(&format!("`{file}`"));
            !(whole || (named && folder))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "not in the README's Layout: {missing:?}"
    );
}
