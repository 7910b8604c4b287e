//! Stack painting: fill the free stack with a pattern, run a step, find the
//! deepest word it overwrote. No heap and no interrupts run here, so every
//! word between the end of `.bss` and the stack pointer is free to paint.
//! (Also used by `examples/firmware-oled`, which includes this file.)

const PAINT: u32 = 0xC0FF_EE11;

extern "C" {
    /// End of .bss/.uninit (cortex-m-rt's heap start): the stack's floor.
    static __sheap: u32;
    /// Initial stack pointer: the top of RAM.
    static _stack_start: u32;
}

/// The lowest and highest address the stack may use.
pub fn bounds() -> (usize, usize) {
    // Only the symbols' addresses are taken; they are never read.
    (
        core::ptr::addr_of!(__sheap) as usize,
        core::ptr::addr_of!(_stack_start) as usize,
    )
}

/// Paints every free stack word below the caller's frame.
#[inline(never)]
pub fn paint() {
    let (floor, _) = bounds();
    // Stay clear of this function's own frame, which calls nothing.
    let top = (cortex_m::register::msp::read() as usize - 64) & !3;
    let mut p = (floor + 3) & !3;
    while p < top {
        // SAFETY: `p` is word-aligned, in RAM between the end of .bss
        // and this frame's stack pointer: memory no live object uses
        // (no heap, no interrupts enabled), so overwriting it is sound.
        unsafe { core::ptr::write_volatile(p as *mut u32, PAINT) };
        p += 4;
    }
}

/// The lowest address written since the last [`paint`].
pub fn lowest_used() -> usize {
    let (floor, top) = bounds();
    let mut p = (floor + 3) & !3;
    while p < top {
        // SAFETY: `p` is a word-aligned RAM address between the end of
        // .bss and the top of the stack; reading it has no side effect.
        if unsafe { core::ptr::read_volatile(p as *const u32) } != PAINT {
            return p;
        }
        p += 4;
    }
    top
}

/// Runs `f` on freshly painted stack and returns its result with the
/// bytes of stack it used below the caller's stack pointer.
#[inline(never)]
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = cortex_m::register::msp::read() as usize;
    paint();
    let r = f();
    (r, base.saturating_sub(lowest_used()))
}
