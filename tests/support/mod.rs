//! Shared by tests/c_abi.rs and tests/python.rs: builds the release
//! `libfeudfacts` once per test binary with a nested `cargo build` (the outer
//! `cargo test` has released the target directory's lock by then), and
//! compiles and runs C programs against it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The target directory this test binary was built in.
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        let dir = PathBuf::from(dir);
        return if dir.is_absolute() {
            dir
        } else {
            repo().join(dir)
        };
    }
    // target/<profile>/deps/<test binary>
    let exe = std::env::current_exe().expect("current exe");
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| repo().join("target"))
}

/// The release libraries, built once.
pub struct Built {
    release: PathBuf,
}

impl Built {
    /// `target/release/libfeudfacts.a`.
    pub fn static_lib(&self) -> PathBuf {
        self.release.join("libfeudfacts.a")
    }
    /// `target/release/libfeudfacts.so`.
    pub fn shared_lib(&self) -> PathBuf {
        self.release.join("libfeudfacts.so")
    }
    /// `target/release`.
    pub fn dir(&self) -> &Path {
        &self.release
    }
    /// A fresh scratch directory for one test's files (per process: other
    /// `cargo test` runs may share the target directory).
    pub fn scratch(&self, name: &str) -> PathBuf {
        let dir = target_dir()
            .join("ffi-tests")
            .join(format!("{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        dir
    }
}

pub struct Lazy(OnceLock<Built>);

impl Lazy {
    pub fn get(&self) -> &Built {
        self.0.get_or_init(|| {
            let target = target_dir();
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
            let mut cmd = Command::new(cargo);
            cmd.current_dir(repo())
                .args(["build", "--release", "-p", "feudfacts-ffi", "--target-dir"])
                .arg(&target);
            run(&mut cmd);
            let built = Built {
                release: target.join("release"),
            };
            assert!(built.static_lib().exists() && built.shared_lib().exists());
            built
        })
    }
}

/// The release `libfeudfacts`.
pub static FFI: Lazy = Lazy(OnceLock::new());

/// The warning flags every C program here must pass, and the include path.
pub fn c_flags() -> Vec<String> {
    [
        "-std=c99",
        "-Wall",
        "-Wextra",
        "-Wpedantic",
        "-Werror",
        "-I",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([repo().join("include").display().to_string()])
    .collect()
}

/// Runs a command; panics with its output unless it succeeds. Returns stdout.
pub fn run(cmd: &mut Command) -> String {
    let out: Output = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{cmd:?} failed ({})\n--- stdout\n{stdout}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// How a C program links the library.
#[derive(Clone, Copy, Debug)]
pub enum Lib {
    /// `libfeudfacts.a`, by path.
    Static,
    /// `-lfeudfacts` against `libfeudfacts.so`, with an rpath.
    Shared,
}

/// Compiles `src` (C99, all warnings errors) against the library and returns
/// the executable.
pub fn compile(src: &Path, lib: Lib) -> PathBuf {
    let built = FFI.get();
    let stem = src.file_stem().unwrap().to_string_lossy().into_owned();
    let dir = built.scratch(&format!("{stem}-{lib:?}"));
    let exe = dir.join(&stem);
    let mut cmd = Command::new("cc");
    cmd.args(c_flags()).arg(src).arg("-o").arg(&exe);
    match lib {
        Lib::Static => cmd.arg(built.static_lib()),
        Lib::Shared => cmd
            .arg("-L")
            .arg(built.dir())
            .arg("-lfeudfacts")
            .arg(format!("-Wl,-rpath,{}", built.dir().display())),
    };
    run(&mut cmd);
    exe
}

/// Compiles `src` and runs it with `args`; returns its stdout.
pub fn compile_and_run(src: &Path, lib: Lib, args: &[&str]) -> String {
    let exe = compile(src, lib);
    // `cargo test` puts its own dependency directories (with a debug
    // `libfeudfacts.so`, possibly stale) on LD_LIBRARY_PATH, which wins over
    // the rpath: run the program with only its rpath.
    let out = run(Command::new(&exe).args(args).env_remove("LD_LIBRARY_PATH"));
    if let Some(dir) = exe.parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
    out
}
