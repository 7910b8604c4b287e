//! The C ABI of feudfacts: every function, type and constant of
//! `include/feudfacts.h`, which cbindgen generates from these files. `ffi/`
//! makes `libfeudfacts.a` / `libfeudfacts.so` of this crate; Rust code (the
//! benchmark, the fuzz target, the panic-free check) links it as
//! `feudfacts_abi`.
//!
//! Why it looks like this: C callers (a kiosk, Cortex-M firmware, Python's
//! ctypes) need an interface with no ownership to think about. Nothing here
//! allocates: a corpus handle and a search cursor are plain structs the caller
//! owns (on its stack or in a static); every string handed out points into the
//! read-only blob, where it is NUL-terminated, and comes with its length.
//! Every function returns a [`feud_status`]; NULL pointers, bad UTF-8, bad ids
//! and malformed blobs are refused with their own code and never crash.
//!
//! One module per C noun, in header order (cbindgen writes constants and
//! functions in the order it reads them): `status` (the status codes and the
//! boundary every function goes through), `enums` (the `FEUD_*` value sets and
//! their names), `strings` and `date` (strings and dates both ways), `corpus`
//! (the handle), `records`, `lookup`, `search`, `cursor` and `display`. This file
//! holds the version, the limits and the panic handler.
//!
//! The library is `no_std` (and then defines a trapping `#[panic_handler]`,
//! unless the feature `no-panic-handler` leaves that to the firmware) whenever
//! it is built with `panic = "abort"`, as in the release profile and on bare
//! metal. Builds that unwind (the dev and test profiles on a host) link `std`,
//! which provides the unwinding runtime; `extern "C"` functions abort rather
//! than unwind into C either way.

#![cfg_attr(not(any(test, feature = "std", panic = "unwind")), no_std)]
#![deny(missing_docs)]
#![allow(non_camel_case_types)]

use core::ffi::c_char;

// cbindgen reads the modules in this order, and the header follows it: its
// constants and functions come out in the order they are read. A blank line
// between them keeps rustfmt from sorting them.
mod status;

mod enums;

mod strings;

mod date;

mod corpus;

mod records;

mod lookup;

mod search;

mod cursor;

mod display;

#[cfg(test)]
mod tests;

pub use corpus::*;
pub use cursor::*;
pub use date::*;
pub use display::*;
pub use enums::*;
pub use lookup::*;
pub use records::*;
pub use search::*;
pub use status::*;
pub use strings::*;

// ----- panic handler ---------------------------------------------------------

/// Without std (firmware, release builds) a panic traps at once: there is no
/// unwinding, no formatting and nothing to report to. The library does not
/// panic on any input; this is the last line of defence. Firmware that wants
/// its own handler (to log, reset or blink) builds with the feature
/// `no-panic-handler` and defines `#[panic_handler]` itself.
#[cfg(not(any(test, feature = "std", feature = "no-panic-handler", panic = "unwind")))]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo<'_>) -> ! {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    // SAFETY: `ud2` raises an invalid-opcode trap (SIGILL on a host); it
    // touches no memory and does not return.
    unsafe {
        core::arch::asm!("ud2", options(noreturn, nomem, nostack))
    }
    #[cfg(any(target_arch = "arm", target_arch = "aarch64"))]
    // SAFETY: `udf` is the permanently undefined instruction: it raises
    // UsageFault/HardFault (SIGILL on a host), touches no memory, never returns.
    unsafe {
        core::arch::asm!("udf #0", options(noreturn, nomem, nostack))
    }
    #[allow(unreachable_code)]
    loop {
        core::hint::spin_loop();
    }
}

/// The unwinding personality routine that the precompiled `core` of hosted
/// targets refers to from its unwind tables. With `panic = "abort"` nothing
/// ever unwinds, so it is never called; it only has to exist, or the shared
/// library fails to load (`undefined symbol: rust_eh_personality`) and the
/// static one fails to link. Bare-metal targets (`target_os = "none"`) ship a
/// `core` built for abort and need none.
#[cfg(not(any(test, feature = "std", panic = "unwind", target_os = "none")))]
#[no_mangle]
pub extern "C" fn rust_eh_personality() {}

// ----- version and limits ----------------------------------------------------

/// Major version of this header (the library's is `feud_version()`).
pub const FEUD_VERSION_MAJOR: u32 = 0;
/// Minor version of this header.
pub const FEUD_VERSION_MINOR: u32 = 3;
/// Patch version of this header.
pub const FEUD_VERSION_PATCH: u32 = 0;

// The header's version is this package's, which `feud_version()` returns
// (and ffi/ checks that the library it installs has it too).
const _: () = assert!(
    is_header_version(
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH")
    ),
    "FEUD_VERSION_* must be the version in ffi/abi/Cargo.toml"
);

/// The longest query accepted, in bytes (without the NUL).
pub const FEUD_MAX_QUERY_LEN: u32 = 256;
/// The most terms (words, prefixes, phrases) a query may have.
pub const FEUD_MAX_TERMS: u32 = 32;
/// The most terms a strict query (`FEUD_MODE_STRICT`, `feud_cursor_open`)
/// may have.
pub const FEUD_MAX_STRICT_TERMS: u32 = 8;
/// The deepest reply thread (depth of the deepest reply).
pub const FEUD_MAX_THREAD_DEPTH: u32 = 16;
/// The most records of one kind a corpus can hold (2^24 - 1, blob format
/// version 2). Record indexes (ids) are `uint32_t` everywhere, and every
/// valid one is below this.
pub const FEUD_MAX_RECORDS: u32 = 16777215;

// `feud_quote.reply_to` is an `int32_t` (-1 for none): every index fits.
const _: () = assert!(FEUD_MAX_RECORDS <= i32::MAX as u32);

/// The library's version, `"MAJOR.MINOR.PATCH"` (static, NUL-terminated).
/// Compare with `FEUD_VERSION_STRING` to catch a header/library mismatch.
#[no_mangle]
pub extern "C" fn feud_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// Whether `major.minor.patch` (a package's `CARGO_PKG_VERSION_*`) is the
/// header's version: checked at compile time here and by `ffi/`.
#[doc(hidden)]
pub const fn is_header_version(major: &str, minor: &str, patch: &str) -> bool {
    const fn number(s: &str) -> u32 {
        let (b, mut i, mut n) = (s.as_bytes(), 0, 0);
        while i < b.len() {
            n = n * 10 + (b[i] - b'0') as u32;
            i += 1;
        }
        n
    }
    number(major) == FEUD_VERSION_MAJOR
        && number(minor) == FEUD_VERSION_MINOR
        && number(patch) == FEUD_VERSION_PATCH
}
