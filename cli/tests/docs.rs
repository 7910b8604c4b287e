//! The shell blocks of README.md and docs/*.md still run as written.
//!
//! - `console` blocks: each `$ feud …` command is run (through bash, with
//!   the built `feud` first on PATH) and its output, stdout and stderr
//!   together, must be the lines that follow it, exactly.
//!   `UPDATE_DOCS=1 cargo test -p feud-cli --test docs` rewrites them after
//!   an intended change (a new ranking, say).
//! - `sh` blocks: `cargo run --release --bin feud -- …` lines are run the
//!   same way and must succeed; other lines are checked, not run: every
//!   path they name exists, `-p`, `--bin`, `--example` and `--test` name
//!   real targets, `--features` real features, a bare `feud` line names a
//!   real command and options, and a script's options appear in the script.
//!
//! Commands run in a scratch folder that mirrors the repository (so
//! `corpus/feud.toml` and `../shared/seeds` resolve and `feud.blob` is written
//! there, not into the work tree). Blocks using `../shared` are skipped,
//! saying so, when it is not there.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const FEUD_PREFIX: &str = "cargo run --release --bin feud -- ";

/// A fenced block: its language, first line number and lines.
struct Block {
    lang: String,
    line: usize,
    lines: Vec<String>,
}

fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut cur: Option<Block> = None;
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("```") {
            match cur.take() {
                Some(b) => out.push(b),
                None => {
                    cur = Some(Block {
                        lang: rest.trim().to_owned(),
                        line: i + 2,
                        lines: Vec::new(),
                    })
                }
            }
        } else if let Some(b) = &mut cur {
            b.lines.push(line.to_owned());
        }
    }
    out
}

/// The documentation files: README.md and docs/*.md.
fn doc_files() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// A scratch folder `T/repo` with a link to every top-level entry of the
/// repository, and `T/shared` when `../shared` exists; and `T/bin/feud`.
fn sandbox() -> PathBuf {
    let t = temp_dir("docs");
    let repo = t.join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    for e in std::fs::read_dir(root()).unwrap() {
        let e = e.unwrap();
        let name = e.file_name();
        if name == "target" || name == ".git" {
            continue;
        }
        std::os::unix::fs::symlink(e.path(), repo.join(&name)).unwrap();
    }
    let shared = root().join("../shared");
    if shared.is_dir() {
        std::os::unix::fs::symlink(shared.canonicalize().unwrap(), t.join("shared")).unwrap();
    }
    std::fs::create_dir_all(t.join("bin")).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_feud"), t.join("bin/feud")).unwrap();
    // What the docs ask the reader to make: a clone named `feudfacts` beside
    // their crate (`--path ../feudfacts`), and docs/C.md's `hello.c`.
    std::os::unix::fs::symlink(root(), t.join("feudfacts")).unwrap();
    std::fs::write(repo.join("hello.c"), hello_c()).unwrap();
    repo
}

/// The program docs/C.md shows as `hello.c`: its first `c` block after the
/// line naming it.
fn hello_c() -> String {
    let text = std::fs::read_to_string(root().join("docs/C.md")).unwrap();
    let from = text.find("`hello.c`").expect("docs/C.md names hello.c");
    blocks(&text[from..])
        .into_iter()
        .find(|b| b.lang == "c")
        .expect("docs/C.md shows hello.c")
        .lines
        .join("\n")
}

/// Runs `line` with bash in `dir`, `feud` being the built binary; stdout
/// and stderr together, and whether it succeeded.
fn sh(dir: &Path, line: &str) -> (String, bool) {
    let bin = dir.parent().unwrap().join("bin");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let o = Command::new("bash")
        .args(["-o", "pipefail", "-c", &format!("{{ {line}\n}} 2>&1")])
        .current_dir(dir)
        .env("PATH", path)
        .env_remove("NO_COLOR")
        .output()
        .expect("bash");
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        o.status.success(),
    )
}

/// Joins `\` continuation lines and drops here-document bodies.
fn commands(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut heredoc: Option<String> = None;
    for line in lines {
        if let Some(end) = &heredoc {
            if line.trim() == end {
                heredoc = None;
            }
            continue;
        }
        if let Some(i) = line.find("<<") {
            let tag = line[i + 2..].trim_start_matches('-');
            let tag = tag.split_whitespace().next().unwrap_or("");
            heredoc = Some(tag.trim_matches(|c| c == '\'' || c == '"').to_owned());
        }
        match line.strip_suffix('\\') {
            Some(part) => {
                cur.push_str(part);
                cur.push(' ');
            }
            None => {
                cur.push_str(line);
                out.push(std::mem::take(&mut cur));
            }
        }
    }
    out
}

/// Shell words, quotes removed, up to an unquoted `#`.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '#') if !in_word => break,
            (None, c) if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            (None, c) => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    out
}

/// What `cargo metadata` says exists: packages with their targets by kind,
/// and features.
#[derive(Default)]
struct Targets {
    packages: BTreeSet<String>,
    /// (kind, name), e.g. ("bin", "feud").
    targets: BTreeSet<(String, String)>,
    /// Features by package manifest folder.
    features: BTreeMap<PathBuf, BTreeSet<String>>,
    by_name: BTreeMap<String, PathBuf>,
    /// What earlier commands make (`cc … -o hello`, `python3 -m venv
    /// .venv`), so later lines may name it (`./hello`, `.venv/bin/activate`).
    made: BTreeSet<PathBuf>,
}

impl Targets {
    fn load(&mut self, manifest: &Path) {
        let o = Command::new(env!("CARGO"))
            .args([
                "metadata",
                "--no-deps",
                "--format-version",
                "1",
                "--offline",
            ])
            .arg("--manifest-path")
            .arg(manifest)
            .output()
            .expect("cargo metadata");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        for p in m["packages"].as_array().unwrap() {
            let name = p["name"].as_str().unwrap().to_owned();
            let dir = Path::new(p["manifest_path"].as_str().unwrap())
                .parent()
                .unwrap()
                .canonicalize()
                .unwrap();
            for t in p["targets"].as_array().unwrap() {
                for k in t["kind"].as_array().unwrap() {
                    let k = k.as_str().unwrap().to_owned();
                    self.targets
                        .insert((k, t["name"].as_str().unwrap().to_owned()));
                }
            }
            let feats = p["features"].as_object().unwrap().keys().cloned().collect();
            self.features.insert(dir.clone(), feats);
            self.by_name.insert(name.clone(), dir);
            self.packages.insert(name);
        }
    }

    /// The package a cargo command in `cwd` (or `-p NAME`) works on.
    fn features_of(&mut self, cwd: &Path, package: Option<&str>) -> BTreeSet<String> {
        if let Some(dir) = package.and_then(|p| self.by_name.get(p)) {
            return self.features[dir].clone();
        }
        let dir = cwd.canonicalize().unwrap();
        if !self.features.contains_key(&dir) {
            self.load(&dir.join("Cargo.toml"));
        }
        self.features.get(&dir).cloned().unwrap_or_default()
    }
}

/// Whether a word names a file or folder of the repository to check.
fn path_like(w: &str) -> Option<&str> {
    let w = w
        .strip_prefix("-I")
        .or_else(|| w.strip_prefix("-L"))
        .unwrap_or(w);
    let w = w.split_once('=').map_or(w, |(_, v)| v);
    let skip = w.is_empty()
        || w.starts_with('-')
        || w.starts_with("/tmp")
        || w.starts_with("/dev/")
        || w.starts_with('~')
        || w.starts_with("target/")
        || w.contains(['$', '*', ',', '<', '>', '(', ')']);
    let looks = w.contains('/')
        || [".toml", ".py", ".sh", ".c", ".h", ".rs", ".md", ".json"]
            .iter()
            .any(|e| w.ends_with(e));
    (!skip && looks).then_some(w)
}

/// Checks a command that is not run; returns the problems found.
fn check_static(
    cmd: &[String],
    cwd: &mut PathBuf,
    t: &mut Targets,
    feud_help: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let mut bad = Vec::new();
    let Some(first) = cmd.first() else {
        return bad;
    };
    if first == "cd" {
        let to = cwd.join(&cmd[1]);
        if to.is_dir() {
            *cwd = to;
        } else {
            bad.push(format!("no folder {}", cmd[1]));
        }
        return bad;
    }
    for pair in cmd.windows(2) {
        if pair[0] == "-o" || pair[0] == "venv" {
            t.made.insert(cwd.join(&pair[1]));
        }
    }
    for w in cmd {
        if let Some(p) = path_like(w) {
            let at = cwd.join(p);
            let made = t.made.iter().any(|m| at.starts_with(m));
            if !at.exists() && !made {
                bad.push(format!("no such path `{p}`"));
            }
        }
    }
    if first == "cargo" {
        let package = cmd
            .windows(2)
            .find(|w| w[0] == "-p" || w[0] == "--package")
            .map(|w| w[1].as_str());
        for w in cmd.windows(2) {
            let ok = match w[0].as_str() {
                "-p" | "--package" => t.packages.contains(&w[1]),
                "--bin" => t.targets.contains(&("bin".into(), w[1].clone())),
                "--example" => t.targets.contains(&("example".into(), w[1].clone())),
                "--test" => t.targets.contains(&("test".into(), w[1].clone())),
                "--features" => {
                    let have = t.features_of(cwd, package);
                    w[1].split([',', ' ']).all(|f| have.contains(f))
                }
                _ => true,
            };
            if !ok {
                bad.push(format!(
                    "cargo {} {}: no such target or feature",
                    w[0], w[1]
                ));
            }
        }
    }
    if first == "feud" {
        let help = feud_help(cmd.get(1).map_or("", String::as_str));
        if help.is_empty() {
            bad.push(format!("feud has no command `{}`", cmd[1]));
        }
        for w in cmd.iter().filter(|w| w.starts_with("--")) {
            if !help.contains(w.as_str()) {
                bad.push(format!("feud {} has no option {w}", cmd[1]));
            }
        }
    }
    // A script's options appear in the script.
    if ["python3", "python", "bash", "sh"].contains(&first.as_str()) {
        if let Some(script) = cmd
            .get(1)
            .filter(|s| s.ends_with(".py") || s.ends_with(".sh"))
        {
            let text = std::fs::read_to_string(cwd.join(script)).unwrap_or_default();
            for w in cmd.iter().filter(|w| w.starts_with("--")) {
                if !text.contains(w.as_str()) {
                    bad.push(format!("{script} has no option {w}"));
                }
            }
        }
    }
    bad
}

#[test]
fn the_readme_and_docs_shell_blocks_run_as_written() {
    let repo = sandbox();
    let have_shared = repo.parent().unwrap().join("shared").exists();
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut t = Targets::default();
    t.load(&root().join("Cargo.toml"));
    let feud_help = |sub: &str| -> String {
        let o = command([sub, "--help"]).output().unwrap();
        if o.status.success() {
            String::from_utf8_lossy(&o.stdout).into_owned()
        } else {
            String::new()
        }
    };
    let mut problems = Vec::new();
    let (mut ran, mut checked, mut compared) = (0, 0, 0);
    for file in doc_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file
            .strip_prefix(root())
            .unwrap_or(&file)
            .display()
            .to_string();
        let mut rewritten: Vec<String> = text.lines().map(str::to_owned).collect();
        for b in blocks(&text) {
            if b.lines.iter().any(|l| l.contains("../shared")) && !have_shared {
                println!("SKIPPED {name}:{}: needs ../shared", b.line);
                continue;
            }
            let mut cwd = repo.clone();
            match b.lang.as_str() {
                "console" => {
                    // `$ command` lines, each followed by its output.
                    let mut i = 0;
                    while i < b.lines.len() {
                        let Some(cmd) = b.lines[i].strip_prefix("$ ") else {
                            problems.push(format!(
                                "{name}:{}: output without a `$ ` command",
                                b.line + i
                            ));
                            i += 1;
                            continue;
                        };
                        let end = (i + 1..b.lines.len())
                            .find(|&j| b.lines[j].starts_with("$ "))
                            .unwrap_or(b.lines.len());
                        let want: String = b.lines[i + 1..end]
                            .iter()
                            .map(|l| format!("{l}\n"))
                            .collect();
                        let (got, _) = sh(&cwd, cmd);
                        compared += 1;
                        if got != want {
                            if update {
                                let at = b.line - 1 + i + 1;
                                let new: Vec<String> = got.lines().map(str::to_owned).collect();
                                // Replace in the file, keeping later line numbers right.
                                let old_len = end - i - 1;
                                let off = rewritten.len() as isize - text.lines().count() as isize;
                                let at = (at as isize + off) as usize;
                                rewritten.splice(at..at + old_len, new);
                            } else {
                                problems.push(format!(
                                    "{name}:{}: `{cmd}` printed\n{got}instead of\n{want}(UPDATE_DOCS=1 rewrites it)",
                                    b.line + i
                                ));
                            }
                        }
                        i = end;
                    }
                }
                "sh" | "bash" | "shell" => {
                    for (i, line) in commands(&b.lines).iter().enumerate() {
                        let line = line.trim();
                        if line.is_empty() || line.starts_with('#') {
                            continue;
                        }
                        if let Some(args) = line.strip_prefix(FEUD_PREFIX) {
                            let (out, ok) = sh(&cwd, &format!("feud {args}"));
                            ran += 1;
                            if !ok {
                                problems.push(format!(
                                    "{name}:{}: `{line}` failed:\n{out}",
                                    b.line + i
                                ));
                            }
                            continue;
                        }
                        let ws = words(line);
                        for cmd in ws.split(|w| ["|", "||", "&&", ";"].contains(&w.as_str())) {
                            let cmd: Vec<String> = cmd
                                .iter()
                                .map(|w| w.trim_start_matches("$(").to_owned())
                                .filter(|w| !w.is_empty())
                                .skip_while(|w| w == "timeout" || w == "eval")
                                .collect();
                            let cmd = match cmd.first().map(|w| w.parse::<u32>().is_ok()) {
                                Some(true) => cmd[1..].to_vec(),
                                _ => cmd,
                            };
                            checked += 1;
                            for p in check_static(&cmd, &mut cwd, &mut t, &feud_help) {
                                problems.push(format!("{name}:{}: `{line}`: {p}", b.line + i));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let new = rewritten.join("\n") + "\n";
        if update && new != text {
            std::fs::write(&file, new).unwrap();
            println!("UPDATED {name}");
        }
    }
    println!("ran {ran} commands, compared {compared} outputs, checked {checked} commands");
    assert!(
        ran >= 10 && compared >= 5 && checked >= 10,
        "{ran} {compared} {checked}"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    std::fs::remove_dir_all(repo.parent().unwrap()).ok();
}

#[test]
fn the_checks_catch_a_missing_path_flag_or_target() {
    let mut t = Targets::default();
    t.load(&root().join("Cargo.toml"));
    let help = |sub: &str| {
        if sub == "search" {
            "--kind --limit".to_string()
        } else {
            String::new()
        }
    };
    let mut cwd = root();
    let w = |s: &str| words(s);
    assert!(check_static(&w("cargo build -p feudfacts-ffi"), &mut cwd, &mut t, &help).is_empty());
    // A program is there once a command has made it, not before.
    assert!(!check_static(&w("./prog"), &mut cwd, &mut t, &help).is_empty());
    assert!(check_static(&w("cc src/lib.rs -o prog"), &mut cwd, &mut t, &help).is_empty());
    assert!(check_static(&w("./prog"), &mut cwd, &mut t, &help).is_empty());
    for bad in [
        "cargo build -p no-such-crate",
        "cargo run --bin nothing",
        "python3 examples/python/feud_search.py --no-such-flag",
        "cc include/nothing.h",
        "feud search x --frobnicate",
        "feud planet",
        "cd no/such/folder",
    ] {
        assert!(
            !check_static(&w(bad), &mut cwd, &mut t, &help).is_empty(),
            "{bad} passed"
        );
    }
    assert_eq!(words(r#"a "b c" 'd e' # f"#), ["a", "b c", "d e"]);
    assert_eq!(
        commands(&[
            "x \\".into(),
            "  y".into(),
            "cat <<'EOF'".into(),
            "body".into(),
            "EOF".into(),
            "z".into()
        ]),
        ["x    y", "cat <<'EOF'", "z"]
    );
}
