//! Puts memory.x on the linker's search path (cortex-m-rt's link.x includes
//! it). With feature `partition`, also compiles the corpus (full profile,
//! word index included) into the blob that `memory.x` places in its own flash
//! partition, with the same compiler the library's `build.rs` uses.
use std::{env, fs, path::PathBuf};

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo"));
    fs::write(out.join("memory.x"), include_bytes!("memory.x")).expect("write memory.x");
    let regions = if env::var_os("CARGO_FEATURE_PARTITION").is_some() {
        "FLASH : ORIGIN = 0x00000000, LENGTH = 96K\nBLOB : ORIGIN = 0x00018000, LENGTH = 160K\n"
    } else {
        "FLASH : ORIGIN = 0x00000000, LENGTH = 256K\nBLOB : ORIGIN = 0x00040000, LENGTH = 0\n"
    };
    fs::write(out.join("flash-regions.x"), regions).expect("write flash-regions.x");
    println!("cargo:rustc-link-search={}", out.display());
    println!("cargo:rerun-if-changed=memory.x");
    println!("cargo:rerun-if-changed=build.rs");
    if env::var_os("CARGO_FEATURE_PARTITION").is_some() {
        let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
        let corpus = root.join("../../corpus/feud.toml");
        println!("cargo:rerun-if-changed={}", corpus.display());
        let source = fs::read_to_string(&corpus).expect("read corpus/feud.toml");
        let blob = feudfacts_compile::compile(&source, None).expect("the corpus compiles");
        fs::write(out.join("partition.blob"), &blob.bytes).expect("write partition.blob");
        fs::write(
            out.join("partition.rs"),
            format!(
                "/// The blob's length in bytes.\npub const LEN: usize = {};\n",
                blob.bytes.len()
            ),
        )
        .expect("write partition.rs");
    }
}
