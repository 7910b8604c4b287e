//! A counting global allocator: the current and peak bytes the Rust heap
//! holds, so the harness can report the peak heap bytes one query needs.
//!
//! SQLite allocates through libc, not through Rust; [`sqlite_peak_during`]
//! reads SQLite's own high-water mark for that part.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Wraps the system allocator and counts live and peak bytes.
pub struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(n: usize) {
    let now = CURRENT.fetch_add(n, Relaxed) + n;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every method forwards to `System` with the caller's arguments
// unchanged, so `System`'s guarantees hold; the counters are plain atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged; the caller upholds the contract.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator (hence `System`) with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged; the caller upholds `realloc`'s contract.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            CURRENT.fetch_sub(layout.size(), Relaxed);
            grew(new_size);
        }
        p
    }
}

/// What one call of a closure did to the Rust heap.
#[derive(Clone, Copy, Debug, Default)]
pub struct HeapUse {
    /// The most bytes held at once above what was held before the call.
    pub peak: usize,
}

/// Runs `f` once and reports its peak heap use above the starting level.
pub fn peak_during<R>(f: impl FnOnce() -> R) -> (R, HeapUse) {
    let base = CURRENT.load(Relaxed);
    PEAK.store(base, Relaxed);
    let r = f();
    let used = HeapUse {
        peak: PEAK.load(Relaxed).saturating_sub(base),
    };
    (r, used)
}

/// Runs `f` once and reports SQLite's own peak heap use above its starting
/// level (SQLite's memory statistics are on by default in the bundled build).
pub fn sqlite_peak_during<R>(f: impl FnOnce() -> R) -> (R, usize) {
    use rusqlite::ffi;
    let (mut cur, mut hi) = (0i64, 0i64);
    // SAFETY: sqlite3_status64 only writes the two out-parameters, which are
    // valid, exclusive i64s; resetFlag = 1 resets the high-water mark.
    unsafe { ffi::sqlite3_status64(ffi::SQLITE_STATUS_MEMORY_USED, &mut cur, &mut hi, 1) };
    let base = cur;
    let r = f();
    // SAFETY: as above.
    unsafe { ffi::sqlite3_status64(ffi::SQLITE_STATUS_MEMORY_USED, &mut cur, &mut hi, 0) };
    (r, (hi - base).max(0) as usize)
}
