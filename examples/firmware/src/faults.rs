//! How these firmwares end: through semihosting with QEMU's exit status (0
//! or 1), and on a panic or a hard fault with one line saying which and
//! status 1, so that a test run fails at once. Nothing is formatted (the
//! panic message is not printed), so `core::fmt` is not linked. (Also used
//! by `examples/firmware-oled`, which includes this file.)

use core::panic::PanicInfo;
use cortex_m_rt::{exception, ExceptionFrame};
use cortex_m_semihosting::{debug, hio};

/// Ends the run: QEMU exits with status 0 if `ok`, else 1.
pub fn exit(ok: bool) -> ! {
    debug::exit(if ok {
        debug::EXIT_SUCCESS
    } else {
        debug::EXIT_FAILURE
    });
    #[allow(clippy::empty_loop)]
    loop {}
}

/// Prints `line` on the host's console and exits with status 1.
fn fatal(line: &[u8]) -> ! {
    if let Ok(mut h) = hio::hstdout() {
        let _ = h.write_all(line);
    }
    exit(false)
}

#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    fatal(b"PANIC\n")
}

#[exception]
unsafe fn HardFault(_frame: &ExceptionFrame) -> ! {
    fatal(b"HARDFAULT\n")
}
