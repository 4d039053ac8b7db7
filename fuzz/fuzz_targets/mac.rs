//! MAC generation and verification must be total: any key material, key
//! algorithm, usage and mode, any MAC algorithm, padding and length, any data
//! and any claimed MAC give a result or an error, never a panic. What succeeds
//! is consistent: a generated MAC verifies (when the mode allows verifying),
//! the streaming form in arbitrary pieces gives the same MAC, and a changed
//! MAC is refused.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use posguard::mac::{self, Mac, MacAlgorithm, Padding};
use posguard::{Algorithm, Key, KeyUsage, ModeOfUse};

/// The usages a MAC key may have, and one that is not a MAC usage.
const USAGES: [KeyUsage; 6] = [
    KeyUsage::Mac,
    KeyUsage::MacIso9797_1,
    KeyUsage::MacIso9797_3,
    KeyUsage::MacCmac,
    KeyUsage::MacHmac,
    KeyUsage::PinEncryption,
];

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    material: &'a [u8],
    key_algorithm: u8,
    usage: u8,
    mode: Option<u8>,
    algorithm: u8,
    padding: u8,
    length: Option<u8>,
    data: &'a [u8],
    claimed: &'a [u8],
    splits: Vec<u16>,
    flip: u8,
    name: &'a str,
}

fuzz_target!(|input: Input<'_>| {
    let _ = input.name.parse::<MacAlgorithm>();
    let _ = input.name.parse::<Padding>();

    let key_algorithm = Algorithm::ALL[usize::from(input.key_algorithm) % Algorithm::ALL.len()];
    let usage = USAGES[usize::from(input.usage) % USAGES.len()];
    let key = match input.mode {
        Some(m) => {
            Key::with_mode(key_algorithm, usage, ModeOfUse::ALL[usize::from(m) % ModeOfUse::ALL.len()], input.material)
        }
        None => Key::new(key_algorithm, usage, input.material),
    };
    let Ok(key) = key else { return };
    let algorithm = MacAlgorithm::ALL[usize::from(input.algorithm) % MacAlgorithm::ALL.len()];
    let padding = Padding::ALL[usize::from(input.padding) % Padding::ALL.len()];
    let length = input.length.map(usize::from);
    let data = input.data;

    // Any claimed MAC: verification answers, and a success means the MAC is right.
    let claimed_ok = mac::verify(&key, data, input.claimed, algorithm, padding).is_ok();

    let Ok(value) = mac::generate(&key, data, algorithm, padding, length) else { return };
    assert!(!value.is_empty() && value.len() <= mac::MAX_MAC_LEN);
    if let Some(n) = length {
        assert_eq!(value.len(), n);
    }
    let can_verify = matches!(key.mode(), ModeOfUse::Both | ModeOfUse::Verify | ModeOfUse::NoRestriction);
    if claimed_ok {
        let full = mac::generate(&key, data, algorithm, padding, Some(input.claimed.len())).expect("same length");
        assert_eq!(full.as_bytes(), input.claimed, "a wrong MAC verified");
    }
    let verified = mac::verify(&key, data, value.as_bytes(), algorithm, padding);
    assert_eq!(verified.is_ok(), can_verify, "{verified:?}");
    if can_verify {
        let mut changed = value.as_bytes().to_vec();
        let i = usize::from(input.flip) % changed.len();
        changed[i] ^= 1 << (input.flip % 8);
        assert!(mac::verify(&key, data, &changed, algorithm, padding).is_err(), "a changed MAC verified");
    }

    // Streaming, in the fuzzer's pieces, gives the same MAC.
    let mut streaming =
        Mac::with_message_len(&key, algorithm, padding, length, data.len() as u64).expect("same checks as generate");
    let mut rest = data;
    for &n in input.splits.iter().take(16) {
        let (piece, tail) = rest.split_at(usize::from(n).min(rest.len()));
        streaming.update(piece);
        rest = tail;
    }
    streaming.update(rest);
    assert_eq!(streaming.finalize().expect("finalize").as_bytes(), value.as_bytes());
});
