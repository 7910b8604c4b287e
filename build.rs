//! Compiles `corpus/feud.toml` into the blob embedded in the library.
//!
//! The corpus source can be replaced with `FEUDFACTS_CORPUS=path`. When the
//! source articles are at hand (`FEUDFACTS_SEEDS=dir`, or `../shared/seeds`
//! beside the repository), every quote and figure phrasing is also checked to
//! be printed byte-for-byte in the articles it cites. `FEUDFACTS_PROFILE=compact`
//! leaves the prose annotations out, for flash-constrained firmware (see
//! `feudfacts_compile::Profile`). The full profile carries the word index
//! and the compact one does not; `FEUDFACTS_WORD_INDEX=on|off` overrides that.

use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let corpus = std::env::var_os("FEUDFACTS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("corpus/feud.toml"));
    let seeds = std::env::var_os("FEUDFACTS_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/seeds"));
    println!("cargo:rerun-if-changed={}", corpus.display());
    println!("cargo:rerun-if-changed={}", seeds.display());
    println!("cargo:rerun-if-env-changed=FEUDFACTS_CORPUS");
    println!("cargo:rerun-if-env-changed=FEUDFACTS_SEEDS");
    println!("cargo:rerun-if-env-changed=FEUDFACTS_PROFILE");
    println!("cargo:rerun-if-env-changed=FEUDFACTS_WORD_INDEX");
    let profile = match std::env::var("FEUDFACTS_PROFILE") {
        Ok(p) => feudfacts_compile::Profile::from_name(&p)
            .unwrap_or_else(|| fail(&format!("FEUDFACTS_PROFILE={p}: use `full` or `compact`"))),
        Err(_) => feudfacts_compile::Profile::Full,
    };
    let mut options = feudfacts_compile::Options::for_profile(profile);
    match std::env::var("FEUDFACTS_WORD_INDEX").as_deref() {
        Ok("on") => options.word_index = true,
        Ok("off") => options.word_index = false,
        Ok(other) => fail(&format!("FEUDFACTS_WORD_INDEX={other}: use `on` or `off`")),
        Err(_) => {}
    }

    let source = match std::fs::read_to_string(&corpus) {
        Ok(s) => s,
        Err(e) => fail(&format!("cannot read {}: {e}", corpus.display())),
    };
    let articles = feudfacts_compile::read_articles(&seeds);
    let blob = match feudfacts_compile::compile_opts(&source, articles.as_ref(), options) {
        Ok(b) => b,
        Err(e) => fail(&format!("{}: {e}", corpus.display())),
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    std::fs::write(out.join("feud.blob"), &blob.bytes).expect("write OUT_DIR/feud.blob");
    let rust = format!(
        "/// The embedded blob.\npub(crate) const BLOB: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/feud.blob\"));\n\
         /// Its section table.\npub(crate) const SECTIONS: [crate::format::Span; crate::format::SECTION_COUNT] = {};\n\
         /// Its strict region: where the strict fields end in the text, and their segments.\n\
         pub(crate) const STRICT: (u32, u32) = ({}, {});\n",
        feudfacts_compile::sections_rust(&blob),
        blob.strict.0,
        blob.strict.1
    );
    std::fs::write(out.join("embedded.rs"), rust).expect("write OUT_DIR/embedded.rs");
}

fn fail(msg: &str) -> ! {
    // One clear line in cargo's output, then a failed build.
    println!("cargo:warning=feudfacts corpus: {msg}");
    eprintln!("error: feudfacts corpus: {msg}");
    std::process::exit(1);
}
