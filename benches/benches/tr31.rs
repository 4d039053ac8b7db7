//! TR-31 / ANSI X9.143 key block benches. Target (issue 3, one thread):
//! version D unwrap <= 1 µs. Blocks: the published X9.143:2021 8.1 (version D,
//! AES-256 KBPK) and 8.4.2 (version B, TDES KBPK) examples of
//! core/tests/vectors/tr31.json, and a version D block under an AES-128 KBPK,
//! unwrapped with strict validation.

#![allow(missing_docs, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use posguard::tr31::{self, UnwrapOptions, WrapOptions};
use posguard::{Algorithm, Key, KeyUsage};
use posguard_benches::{criterion, key, rng};
use serde_json::Value;

const TR31_VECTORS: &str = include_str!("../../core/tests/vectors/tr31.json");

/// The KBPK and block of the tr31.json vector called `name`.
fn vector(name: &str) -> (Key, String) {
    let file: Value = serde_json::from_str(TR31_VECTORS).expect("tr31.json");
    let v = file["vectors"].as_array().expect("vectors").iter().find(|v| v["name"] == name).expect("vector");
    let field = |f: &str| v[f].as_str().expect("string field").to_owned();
    let algorithm: Algorithm = field("kbpk_algorithm").parse().expect("algorithm");
    (key(algorithm, KeyUsage::KeyBlockProtection, &field("kbpk")), field("block"))
}

fn unwrap(c: &mut Criterion) {
    let mut group = c.benchmark_group("tr31_unwrap");
    let options = UnwrapOptions::default();
    for (name, vector_name) in [("version_d", "x9143_2021_81_version_d"), ("version_b", "x9143_2021_842_version_b")] {
        let (kbpk, block) = vector(vector_name);
        tr31::unwrap(&kbpk, &block, &options).expect("the published block unwraps");
        group.bench_function(name, |b| b.iter(|| tr31::unwrap(&kbpk, black_box(&block), &options).expect("unwrap")));
    }
    // An AES-128 KBPK protecting an AES-128 key (wrapped here: the published D blocks use AES-256 KBPKs).
    let kbpk = key(Algorithm::Aes, KeyUsage::KeyBlockProtection, "00112233445566778899AABBCCDDEEFF");
    let pin_key = key(Algorithm::Aes, KeyUsage::PinEncryption, "3F419E1CB7079442AA37474C2EFBF8B8");
    let block = tr31::wrap(&kbpk, &pin_key, &WrapOptions::default(), &mut rng()).expect("wrap");
    group.bench_function("version_d_aes128_kbpk", |b| {
        b.iter(|| tr31::unwrap(&kbpk, black_box(&block), &options).expect("unwrap"))
    });
    group.finish();
}

/// Wrapping an AES-128 PIN key under the AES-256 KBPK (version D, key length
/// masked to 32 bytes; random pad from the seeded ChaCha20 RNG), and the
/// header read alone.
fn wrap_and_inspect(c: &mut Criterion) {
    let (kbpk, block) = vector("x9143_2021_81_version_d");
    let pin_key = key(Algorithm::Aes, KeyUsage::PinEncryption, "3F419E1CB7079442AA37474C2EFBF8B8");
    let options = WrapOptions::default();
    let mut rng = rng();
    c.bench_function("tr31_wrap/version_d", |b| {
        b.iter(|| tr31::wrap(&kbpk, black_box(&pin_key), &options, &mut rng).expect("wrap"))
    });
    c.bench_function("tr31_inspect/version_d", |b| b.iter(|| tr31::inspect(black_box(&block)).expect("inspect")));
}

criterion_group! {
    name = benches;
    config = criterion();
    targets = unwrap, wrap_and_inspect
}
criterion_main!(benches);
