//! Setup shared by the criterion benches in `benches/`: short measurement
//! times (the whole suite runs in about a minute on two cores), published
//! keys, the seeded RNG, and real card data.
//!
//! Run: `cargo bench -p posguard-benches` (or `cargo xtask bench`).

#![allow(clippy::expect_used)] // A bench with a broken fixture should stop, loudly.

use std::time::Duration;

use criterion::Criterion;
use posguard::pin::PinFormat;
use posguard::{Algorithm, Key, KeyUsage};
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;
use serde_json::Value;

/// The PAN of the ANSI X9.24-1 Annex A.4 PIN block examples.
pub const PAN: &str = "4012345678909";
/// A PIN that passes the default PIN policy.
pub const PIN: &str = "8264";

/// TDES-2key material (the psec / X9.24 example key).
pub const TDES_KEY: &str = "0123456789ABCDEFFEDCBA9876543210";
/// AES-128 material (the X9.24-3 format 4 example PIN key, core/tests/vectors/pin.json).
pub const AES_KEY: &str = "AF8CB133A78F8DC2D1359F18527593FB";
/// SM4 material (the GB/T 32907 example 1 key).
pub const SM4_KEY: &str = "0123456789ABCDEFFEDCBA9876543210";

/// Criterion with a short warm-up and measurement: enough for stable
/// sub-microsecond numbers, short enough to run the suite routinely.
pub fn criterion() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(1))
}

/// ChaCha20 seeded once: random fill costs what a user-space CSPRNG costs,
/// not a system call per PIN block (the `*_os_rng` benches measure that).
pub fn rng() -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(0x9564)
}

/// Decodes fixture hex.
pub fn material(hex: &str) -> Vec<u8> {
    hex::decode(hex).expect("fixture hex")
}

/// A key of `usage` from fixture hex.
pub fn key(algorithm: Algorithm, usage: KeyUsage, hex: &str) -> Key {
    Key::new(algorithm, usage, &material(hex)).expect("fixture key")
}

/// A PIN encryption key for each format benched: format 0 (TDES), format 4 (AES), SM4.
pub fn pin_keys() -> [(PinFormat, Key); 3] {
    [
        (PinFormat::Iso0, key(Algorithm::Tdes, KeyUsage::PinEncryption, TDES_KEY)),
        (PinFormat::Iso4, key(Algorithm::Aes, KeyUsage::PinEncryption, AES_KEY)),
        (PinFormat::Sm4, key(Algorithm::Sm4, KeyUsage::PinEncryption, SM4_KEY)),
    ]
}

/// Published TLV samples, each with its source.
const TLV_VECTORS: &str = include_str!("../../core/tests/vectors/tlv.json");

/// The READ RECORD responses of tlv.json that make up [`card_record`]: two
/// application records (PAN, dates, CDOLs; track 2, name), two CAPK records
/// and a directory record.
const RECORDS: [&str; 5] = [
    "read record PAN + CDOL1 + CDOL2 (Visa test PAN)",
    "read record track 2 equivalent + name",
    "read record CAPK index + empty issuer PK remainder",
    "read record CAPK index + issuer exponent (Lloyds)",
    "directory record visa classic (javaemvreader)",
];

/// The bytes of the tlv.json sample called `name`.
pub fn tlv_sample(name: &str) -> Vec<u8> {
    let file: Value = serde_json::from_str(TLV_VECTORS).expect("tlv.json");
    let vectors = file["vectors"].as_array().expect("vectors");
    let sample = vectors.iter().find(|v| v["name"] == name).expect("a tlv.json sample of that name");
    material(sample["hex"].as_str().expect("hex"))
}

/// About 200 bytes of card records (192 bytes, 25 objects up to 3 deep):
/// the READ RECORD responses of [`RECORDS`] back to back.
pub fn card_record() -> Vec<u8> {
    RECORDS.iter().flat_map(|name| tlv_sample(name)).collect()
}

/// As many [`card_record`]s as fit in 64 KiB, back to back.
pub fn card_blob() -> Vec<u8> {
    let record = card_record();
    record.repeat((64 << 10) / record.len())
}
