//! The C ABI from C: builds `libfeudfacts` (release, as users get it), checks
//! `include/feudfacts.h` against what cbindgen generates now, compiles the
//! header as C99 and C++11 with every warning an error, and compiles and runs
//! the C test program (`tests/c/test_ffi.c`, every function and every status
//! code) and the C example (`examples/c/`) against the static and the shared
//! library, asserting on their output.
//!
//! Needs a C compiler (`cc`, `g++`); `cargo test` runs it like any test.

mod support;

use std::path::PathBuf;
use std::process::Command;
use support::{c_flags, compile_and_run, repo, run, Lib, FFI};

fn generated_header() -> String {
    let root = repo();
    let config = cbindgen::Config::from_file(root.join("ffi/cbindgen.toml"))
        .expect("read ffi/cbindgen.toml");
    // From the crate root, cbindgen follows its `mod` declarations into every
    // file of ffi/abi/src/, in declaration order (which the header keeps).
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(root.join("ffi/abi/src/lib.rs"))
        .generate()
        .expect("cbindgen generates the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).expect("the header is UTF-8")
}

/// Fails when `include/feudfacts.h` is not what cbindgen makes of
/// `ffi/abi/src/` now. `FEUDFACTS_BLESS=1` rewrites the header instead.
#[test]
fn header_matches_cbindgen() {
    let path = repo().join("include/feudfacts.h");
    let fresh = generated_header();
    if std::env::var_os("FEUDFACTS_BLESS").is_some() {
        std::fs::write(&path, &fresh).expect("write include/feudfacts.h");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "include/feudfacts.h is out of date with ffi/abi/src/; regenerate it with\n  \
         FEUDFACTS_BLESS=1 cargo test --test c_abi header_matches_cbindgen"
    );
    for must in [
        "#ifndef FEUDFACTS_H",
        "extern \"C\" {",
        "#define FEUD_VERSION_MAJOR",
        "#define FEUD_VERSION_STRING ",
        "const char *feud_version(void);",
        "FEUD_OK = 0,",
        "typedef struct feud_str {",
        "feud_status feud_search(",
    ] {
        assert!(fresh.contains(must), "header lacks {must:?}");
    }
    // One prefix: every exported name starts with feud_ / FEUD_.
    for line in fresh.lines() {
        if let Some(rest) = line.strip_prefix("#define ") {
            assert!(rest.starts_with("FEUD"), "unprefixed macro: {line}");
        }
        let typedef = line.starts_with("typedef ") && line.ends_with(';');
        if typedef || (line.starts_with("} ") && line.ends_with(';')) {
            let name = line.trim_end_matches(';').rsplit(' ').next().unwrap();
            assert!(name.starts_with("feud_"), "unprefixed type: {line}");
        }
        if let Some(decl) = line.strip_suffix(");") {
            if !line.starts_with(' ') && decl.contains('(') {
                let name = decl.split('(').next().unwrap().rsplit([' ', '*']).next();
                assert!(
                    name.unwrap().starts_with("feud_"),
                    "unprefixed function: {line}"
                );
            }
        }
    }
    // The Rust doc comments are carried over.
    assert!(fresh.contains(" * Validates a blob loaded at run time"));
}

/// The header compiles warning-free as C99 (pedantic) and C++11, and a C++
/// program using it links against the static library.
#[test]
fn header_compiles_as_c99_and_cpp11() {
    let lib = FFI.get();
    let dir = lib.scratch("header");
    let c = dir.join("h.c");
    std::fs::write(
        &c,
        "#include \"feudfacts.h\"\n#include \"feudfacts.h\"\nint main(void) { return feud_version() == 0; }\n",
    )
    .unwrap();
    let mut cmd = Command::new("cc");
    cmd.args(c_flags())
        .arg("-c")
        .arg(&c)
        .arg("-o")
        .arg(dir.join("h.o"));
    run(&mut cmd);
    let cpp = dir.join("h.cpp");
    std::fs::write(
        &cpp,
        "#include \"feudfacts.h\"\n#include <cstring>\n\
         int main() {\n  feud_str s;\n  const feud_corpus *c = feud_embedded();\n\
           if (feud_key(c, FEUD_KIND_ENTITY, 0, &s) != FEUD_OK) return 1;\n\
           return std::strcmp(feud_version(), FEUD_VERSION_STRING) != 0;\n}\n",
    )
    .unwrap();
    let exe = dir.join("hpp");
    let mut cmd = Command::new("g++");
    cmd.args(["-std=c++11", "-Wall", "-Wextra", "-Werror"])
        .arg("-I")
        .arg(repo().join("include"))
        .arg(&cpp)
        .arg(lib.static_lib())
        .arg("-o")
        .arg(&exe);
    run(&mut cmd);
    run(&mut Command::new(&exe));
    let _ = std::fs::remove_dir_all(&dir);
}

fn test_program() -> PathBuf {
    repo().join("tests/c/test_ffi.c")
}

/// The C test program: every function, every status code, NULL everywhere.
#[test]
fn c_test_program_passes_static() {
    let out = compile_and_run(&test_program(), Lib::Static, &[]);
    assert!(out.contains("all checks passed"), "{out}");
}

/// The same program against the shared library.
#[test]
fn c_test_program_passes_shared() {
    let out = compile_and_run(&test_program(), Lib::Shared, &[]);
    assert!(out.contains("all checks passed"), "{out}");
}

/// Builds examples/c with its Makefile (static and shared) and runs it.
#[test]
fn c_example_searches_and_prints() {
    let lib = FFI.get();
    let out_dir = lib.scratch("example");
    let mut make = Command::new("make");
    make.arg("-C")
        .arg(repo().join("examples/c"))
        .arg(format!("OUT={}", out_dir.display()))
        .arg(format!("LIBDIR={}", lib.dir().display()));
    run(&mut make);
    for exe in ["feud_search", "feud_search_shared"] {
        let exe = out_dir.join(exe);
        let search = run(Command::new(&exe).arg("softbank"));
        assert!(search.contains("hits for \"softbank\""), "{search}");
        assert!(
            search.contains(
                "[quote q-softbank-well-under-10b] Elon Musk (2025-01-22): SoftBank has well \
                 under $10B secured. I have that on good authority."
            ),
            "{search}"
        );
        assert!(search.contains("text: ...SoftBank..."), "{search}");

        let reply = run(Command::new(&exe).args(["surely", "know"]));
        assert!(
            reply.contains("Sam Altman (2025-01-22): wrong, as you surely know."),
            "{reply}"
        );

        // The January 22 exchange: Musk's post, then Altman's reply under it.
        let thread = run(Command::new(&exe).args(["--thread", "surely know"]));
        let musk = thread
            .find("Elon Musk (2025-01-22): SoftBank has well under $10B secured.")
            .expect("Musk's post in the thread");
        let altman = thread
            .find("> Sam Altman (2025-01-22): wrong, as you surely know.")
            .expect("Altman's reply in the thread");
        assert!(musk < altman, "{thread}");

        // For a small ASCII display: transliterated and wrapped.
        let small = run(Command::new(&exe).args(["--ascii", "-w", "30", "-n", "1", "surely know"]));
        assert!(small.contains("[US flag] first."), "{small}");
        assert!(small.is_ascii(), "{small}");
        assert!(small.contains("\ni realize what is great for\n"), "{small}");

        // Refusals come back as the library's messages.
        let out = Command::new(&exe).arg("x".repeat(300)).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr).contains("query is too long"));
    }
    let _ = std::fs::remove_dir_all(&out_dir);
}
