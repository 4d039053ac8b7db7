//! TR-31 unwrap must be total: any string, under a fixed KBPK of each
//! version's algorithm, strict or lenient, gives a key or an error, never a
//! panic. A block that unwraps has a readable header that agrees with the key.
//!
//! The structured half wraps an arbitrary key (B, C, D, E) under the fixed
//! KBPKs and checks the round trip, and that changing any one character of
//! the block (other than its letter case) makes unwrapping fail.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use posguard::tr31::{self, Exportability, OptionalBlock, UnwrapOptions, Version, WrapOptions};
use posguard::{Algorithm, Key, KeyUsage, ModeOfUse};
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

/// TR-31:2018 A.7.2.2's TDES KBPK and X9.143:2021 8.1's AES-256 KBPK.
const TDES_KBPK: [u8; 16] = *b"\xDD\x75\x15\xF2\xBF\xC1\x7F\x85\xCE\x48\xF3\xCA\x25\xCB\x21\xF6";
const AES_KBPK: [u8; 32] = *b"\x88\xE1\xAB\x2A\x2E\x3D\xD3\x8C\x1F\xA0\x39\xA5\x36\x50\x0C\xC8\xA8\x7A\xB9\xD6\x2D\xC9\x2C\x01\x05\x8F\xA7\x9F\x44\x65\x7D\xE6";

#[derive(Arbitrary, Debug)]
enum Input<'a> {
    /// Any block text.
    Block { block: &'a str, strict: bool, allow_version_a: bool },
    /// A key wrapped, then one character changed.
    RoundTrip {
        version: u8,
        algorithm: u8,
        usage: u8,
        mode: u8,
        material: &'a [u8],
        blocks: Vec<(u8, u8, &'a str)>,
        mask_key_length: bool,
        seed: u64,
        flip: Option<(u16, u8)>,
    },
}

fn kbpks() -> (Key, Key) {
    let tdes = Key::new(Algorithm::Tdes, KeyUsage::KeyBlockProtection, &TDES_KBPK).expect("fixed TDES KBPK");
    let aes = Key::new(Algorithm::Aes, KeyUsage::KeyBlockProtection, &AES_KBPK).expect("fixed AES KBPK");
    (tdes, aes)
}

fn check_unwrapped(block: &str, key: &Key) {
    let header = tr31::inspect(block).expect("an unwrapped block has a readable header");
    assert_eq!((header.usage, header.algorithm, header.mode), (key.usage(), key.algorithm(), key.mode()));
    assert_eq!(header.length, block.len());
}

fuzz_target!(|input: Input<'_>| {
    let (tdes, aes) = kbpks();
    match input {
        Input::Block { block, strict, allow_version_a } => {
            let options = UnwrapOptions { strict, allow_version_a };
            for kbpk in [&tdes, &aes] {
                if let Ok(key) = tr31::unwrap(kbpk, block, &options) {
                    check_unwrapped(block, &key);
                }
            }
        }
        Input::RoundTrip { version, algorithm, usage, mode, material, blocks, mask_key_length, seed, flip } => {
            let version = [Version::B, Version::C, Version::D, Version::E][usize::from(version) % 4];
            let algorithm = Algorithm::ALL[usize::from(algorithm) % Algorithm::ALL.len()];
            let usage = KeyUsage::ALL[usize::from(usage) % KeyUsage::ALL.len()];
            let mode = ModeOfUse::ALL[usize::from(mode) % ModeOfUse::ALL.len()];
            let Ok(key) = Key::with_mode(algorithm, usage, mode, material) else { return };
            let optional_blocks = blocks
                .iter()
                .take(4)
                .map(|(a, b, data)| {
                    let id: String = [a, b].iter().map(|c| char::from(b'A' + *c % 26)).collect();
                    OptionalBlock::new(&id, data)
                })
                .collect();
            let options = WrapOptions {
                version,
                key_version: "00".into(),
                exportability: Exportability::Exportable,
                optional_blocks,
                mask_key_length,
            };
            let kbpk = if version.kbpk_algorithm() == Algorithm::Aes { &aes } else { &tdes };
            let mut rng = ChaCha20Rng::seed_from_u64(seed);
            let Ok(block) = tr31::wrap(kbpk, &key, &options, &mut rng) else { return };
            // Lenient: strict validation may refuse what wrap writes on request (unmasked
            // key length, HMAC keys without usage M7, KC/KP blocks with the caller's data).
            let options = UnwrapOptions::lenient();
            let unwrapped = tr31::unwrap(kbpk, &block, &options).expect("a wrapped key unwraps");
            assert_eq!(unwrapped.export_clear().expose(), material);
            check_unwrapped(&block, &unwrapped);

            let Some((at, xor)) = flip else { return };
            let mut bytes = block.clone().into_bytes();
            let i = usize::from(at) % bytes.len();
            let changed = bytes[i] ^ xor.max(1);
            if !changed.is_ascii() || changed.eq_ignore_ascii_case(&bytes[i]) {
                return;
            }
            bytes[i] = changed;
            let Ok(bad) = String::from_utf8(bytes) else { return };
            for strict in [true, false] {
                let options = UnwrapOptions { strict, allow_version_a: true };
                assert!(tr31::unwrap(kbpk, &bad, &options).is_err(), "changed character {i} accepted: {bad}");
            }
        }
    }
});
