//! PIN block benches. Targets (issue 2, one thread): format 0 encode + TDES
//! encrypt <= 0.5 µs; format 4 encode + AES encipher, random fill included,
//! <= 0.4 µs.

#![allow(missing_docs, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use getrandom::SysRng;
use posguard::pin::{self, PinFormat};
use posguard_benches::{PAN, PIN, criterion, pin_keys, rng};

/// Encode + encrypt, random fill from the seeded ChaCha20 RNG.
fn encrypt(c: &mut Criterion) {
    let mut group = c.benchmark_group("pin_encrypt");
    let mut rng = rng();
    let keys = pin_keys();
    for (format, key) in &keys {
        group.bench_function(format.name(), |b| {
            b.iter(|| pin::encrypt(black_box(PIN), Some(black_box(PAN)), key, *format, &mut rng).expect("encrypt"))
        });
    }
    // For reference: the same with the OS RNG, one getrandom call per block.
    let (format, key) = &keys[1];
    group.bench_function("iso4_os_rng", |b| {
        b.iter(|| pin::encrypt(black_box(PIN), Some(black_box(PAN)), key, *format, &mut SysRng).expect("encrypt"))
    });
    group.finish();
}

/// The clear block alone, to separate encoding from encipherment.
fn encode(c: &mut Criterion) {
    let mut group = c.benchmark_group("pin_encode");
    let mut rng = rng();
    for format in [PinFormat::Iso0, PinFormat::Iso4] {
        group.bench_function(format.name(), |b| {
            b.iter(|| pin::encode(black_box(PIN), Some(black_box(PAN)), format, &mut rng).expect("encode"))
        });
    }
    group.finish();
}

fn decrypt(c: &mut Criterion) {
    let mut group = c.benchmark_group("pin_decrypt");
    let mut rng = rng();
    for (format, key) in &pin_keys() {
        let block = pin::encrypt(PIN, Some(PAN), key, *format, &mut rng).expect("encrypt");
        group.bench_function(format.name(), |b| {
            b.iter(|| pin::decrypt(black_box(block.as_bytes()), Some(PAN), key, *format).expect("decrypt"))
        });
    }
    group.finish();
}

/// Format 4 under the AES key to format 0 under the TDES key: decrypt, then encode and encrypt.
fn translate(c: &mut Criterion) {
    let mut rng = rng();
    let [(iso0, tdes), (iso4, aes), _] = pin_keys();
    let block = pin::encrypt(PIN, Some(PAN), &aes, iso4, &mut rng).expect("encrypt");
    c.bench_function("pin_translate/iso4_to_iso0", |b| {
        b.iter(|| {
            pin::translate(black_box(block.as_bytes()), Some(PAN), &aes, iso4, &tdes, iso0, &mut rng)
                .expect("translate")
        })
    });
}

criterion_group! {
    name = benches;
    config = criterion();
    targets = encrypt, encode, decrypt, translate
}
criterion_main!(benches);
