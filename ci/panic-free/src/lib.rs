//! The panic-free proof: the C ABI (the crate `feudfacts-abi` in `ffi/abi`,
//! linked as `ffi/` links it into libfeudfacts) built as the no_std release
//! static library, with a panic handler that calls a function nobody defines. After LTO, code that
//! cannot be reached is gone; if any exported `feud_*` function can still
//! reach a panic, the handler survives with its call, and linking the library
//! into a C program that references every function of `feudfacts.h` fails
//! with an undefined reference to `feudfacts_panic_is_reachable` (the
//! technique of the `no-panic` crate, applied to the whole library).
//!
//! Some panic paths cannot be removed (see `allowed.txt`), so the strict link
//! alone would always fail; `ci/hardening.sh` therefore also links with a stub
//! for the symbol and lists every panic call site left after LTO
//! (`panic_sites.py`, by disassembly and inline chains), failing on any site
//! `allowed.txt` does not explain. With the `canary` feature it first proves
//! that the check catches a planted panic.

#![no_std]

// Links the C ABI in: its `#[no_mangle]` functions are this library's exports.
pub use feudfacts_abi::*;

extern "C" {
    /// Deliberately defined nowhere.
    fn feudfacts_panic_is_reachable() -> !;
}

/// With the `canary` feature: one exported function with a reachable panic
/// (an unchecked index), so CI can show that the check catches one.
#[cfg(feature = "canary")]
#[no_mangle]
pub extern "C" fn feud_panic_canary(i: usize) -> u8 {
    static TABLE: [u8; 4] = [1, 2, 3, 4];
    TABLE[i]
}

#[panic_handler]
fn panic(_info: &core::panic::PanicInfo<'_>) -> ! {
    // SAFETY: the symbol is defined nowhere, so this call can never run: if
    // it survives optimisation the library does not link (strict check), and
    // the stubbed link lists the call sites that reach it.
    unsafe { feudfacts_panic_is_reachable() }
}
