//! Key construction (validation and key schedule, done once per key) and
//! check values.

#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use posguard::{Algorithm, Key, KeyUsage};
use posguard_benches::{AES_KEY, SM4_KEY, TDES_KEY, criterion, key, material};

const KEYS: [(&str, Algorithm, &str); 3] =
    [("tdes_2key", Algorithm::Tdes, TDES_KEY), ("aes_128", Algorithm::Aes, AES_KEY), ("sm4", Algorithm::Sm4, SM4_KEY)];

fn key_new(c: &mut Criterion) {
    let mut group = c.benchmark_group("key_new");
    for (name, algorithm, hex) in KEYS {
        let material = material(hex);
        group.bench_function(name, |b| b.iter(|| Key::new(algorithm, KeyUsage::PinEncryption, black_box(&material))));
    }
    group.finish();
}

/// The standard 3-byte check value: zero-block for TDES and SM4, CMAC for AES.
fn check_value(c: &mut Criterion) {
    let mut group = c.benchmark_group("check_value");
    for (name, algorithm, hex) in KEYS {
        let key = key(algorithm, KeyUsage::KeyEncryption, hex);
        let method = if algorithm == Algorithm::Aes { "cmac" } else { "zero_block" };
        group.bench_function(format!("{name}_{method}"), |b| b.iter(|| black_box(&key).check_value()));
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = criterion();
    targets = key_new, check_value
}
criterion_main!(benches);
