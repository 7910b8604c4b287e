//! `libfeudfacts.a` and `libfeudfacts.so`: the C library, made of the crate
//! `feudfacts-abi` (`ffi/abi`), where every function of `include/feudfacts.h`
//! is written, one module per C noun.
//!
//! Why a crate of its own: the C library must be called `feudfacts`
//! (`-lfeudfacts`), and an rlib of that name would collide with the core's
//! `libfeudfacts.rlib`. So this crate makes only the static and shared
//! libraries, and Rust code (the benchmark, the fuzz target, the panic-free
//! check) links `feudfacts_abi`. The re-export below links that crate in:
//! its `#[no_mangle]` functions are the libraries' exports. The features
//! `std` and `no-panic-handler` are passed on to it.

#![no_std]

pub use feudfacts_abi::*;

// The installed library's version (this package's, which ffi/install.sh and
// cargo-c read from ffi/Cargo.toml) is the header's, which feudfacts-abi
// checks against its own package version and returns from `feud_version()`.
const _: () = assert!(
    is_header_version(
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH")
    ),
    "ffi/Cargo.toml and ffi/abi/Cargo.toml must have the same version"
);
