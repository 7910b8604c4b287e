//! Blob loading plus every accessor.
//!
//! The first input byte is a mode. Bit 1 clear: the rest of the input is the
//! blob. Bit 1 set: the rest is a list of 4-byte edits applied to the
//! embedded blob (so the target always starts from the current real corpus
//! and small inputs reach deep validation): a 2-bit operation (xor, set,
//! insert, delete) and a 22-bit offset, then a value byte. Bit 0 set: a
//! correct checksum is written before loading, so mutations get past the FNV
//! checksum and exercise the structural validator.
//!
//! Whatever `Corpus::from_bytes` accepts must honour every promise
//! validation makes (see `tests/exercise/mod.rs`), with the input also
//! picking the accessors' arguments; whatever it refuses must leave the
//! embedded corpus working.
#![no_main]

use feudfacts::format::{checksum, CHECKSUM_OFFSET};
use feudfacts::{Corpus, Kind};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/exercise/mod.rs"]
mod exercise;

fn apply_edits(edits: &[u8]) -> Vec<u8> {
    let mut blob = Corpus::embedded_bytes().to_vec();
    for e in edits.chunks_exact(4) {
        let op = e[0] >> 6;
        let off = (u32::from_be_bytes([0, e[0] & 0x3f, e[1], e[2]]) as usize) % (blob.len() + 1);
        let val = e[3];
        match op {
            0 if off < blob.len() => blob[off] ^= val,
            1 if off < blob.len() => blob[off] = val,
            2 => blob.insert(off, val),
            3 if off < blob.len() => {
                blob.remove(off);
            }
            _ => {}
        }
    }
    blob
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut blob = if mode & 2 == 2 {
        apply_edits(rest)
    } else {
        rest.to_vec()
    };
    if mode & 1 == 1 {
        // Checksum over the declared length when it fits, else everything.
        let declared = blob
            .get(12..16)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .filter(|&n| n <= blob.len())
            .unwrap_or(blob.len());
        if let Some(sum) = checksum(&blob[..declared]) {
            blob[CHECKSUM_OFFSET..CHECKSUM_OFFSET + 4].copy_from_slice(&sum.to_le_bytes());
        }
    }
    match Corpus::from_bytes(&blob) {
        Ok(corpus) => {
            let mut feed = exercise::Feed::new(data);
            feed.every_record_search = false;
            exercise::exercise(&corpus, &mut feed);
        }
        Err(e) => {
            // Every refusal has a message, and the embedded corpus still works.
            assert!(!e.message().is_empty());
            assert!(Corpus::embedded().quote(0).is_some());
            assert!(Corpus::embedded().count(Kind::Entity) > 0);
        }
    }
});
