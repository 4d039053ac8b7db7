//! MAC and data encryption benches. Targets (issue 4, one thread): retail MAC
//! (ISO 9797-1 algorithm 3) <= 5 µs over 256 bytes and <= 65 µs over 4 KiB;
//! AES-CMAC over 256 bytes <= 0.3 µs with the key set up inside the call
//! (`Key::new` inside the timed closure).

#![allow(missing_docs, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use posguard::data::{self, DataPadding, Mode};
use posguard::mac::{self, MacAlgorithm, Padding};
use posguard::{Algorithm, Key, KeyUsage};
use posguard_benches::{AES_KEY, SM4_KEY, TDES_KEY, criterion, key, material};

/// A message of `len` bytes (the content does not matter to the timing).
fn message(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 + 7) as u8).collect()
}

fn macs(c: &mut Criterion) {
    let mut group = c.benchmark_group("mac");
    let retail = key(Algorithm::Tdes, KeyUsage::MacIso9797_3, TDES_KEY);
    for len in [256, 4096] {
        let data = message(len);
        group.throughput(Throughput::Bytes(len as u64));
        group.bench_function(format!("retail_{len}"), |b| {
            b.iter(|| {
                mac::generate(&retail, black_box(&data), MacAlgorithm::Iso9797_3, Padding::Method1, None).expect("mac")
            })
        });
    }

    let data = message(256);
    group.throughput(Throughput::Bytes(256));
    let aes_material = material(AES_KEY);
    group.bench_function("aes_cmac_256_with_key_setup", |b| {
        b.iter(|| {
            let key = Key::new(Algorithm::Aes, KeyUsage::MacCmac, black_box(&aes_material)).expect("key");
            mac::generate(&key, black_box(&data), MacAlgorithm::Cmac, Padding::Method1, None).expect("mac")
        })
    });
    let cmac = key(Algorithm::Aes, KeyUsage::MacCmac, AES_KEY);
    group.bench_function("aes_cmac_256", |b| {
        b.iter(|| mac::generate(&cmac, black_box(&data), MacAlgorithm::Cmac, Padding::Method1, None).expect("mac"))
    });
    let hmac =
        key(Algorithm::Hmac, KeyUsage::MacHmac, "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
    group.bench_function("hmac_sha256_256", |b| {
        b.iter(|| {
            mac::generate(&hmac, black_box(&data), MacAlgorithm::HmacSha256, Padding::Method1, None).expect("mac")
        })
    });
    let unionpay = key(Algorithm::Tdes, KeyUsage::Mac, TDES_KEY);
    group.bench_function("unionpay_ecb_256", |b| {
        b.iter(|| {
            mac::generate(&unionpay, black_box(&data), MacAlgorithm::UnionPayEcb, Padding::Method1, None).expect("mac")
        })
    });
    let unionpay_sm4 = key(Algorithm::Sm4, KeyUsage::Mac, SM4_KEY);
    group.bench_function("unionpay_ecb_sm4_256", |b| {
        b.iter(|| {
            mac::generate(&unionpay_sm4, black_box(&data), MacAlgorithm::UnionPayEcbSm4, Padding::Method1, None)
                .expect("mac")
        })
    });
    let mac = mac::generate(&retail, &data, MacAlgorithm::Iso9797_3, Padding::Method1, None).expect("mac");
    group.bench_function("retail_256_verify", |b| {
        b.iter(|| {
            mac::verify(&retail, black_box(&data), mac.as_bytes(), MacAlgorithm::Iso9797_3, Padding::Method1)
                .expect("verify")
        })
    });
    group.finish();
}

/// CBC over 4 KiB with a data key, zero IV, no padding.
fn data_cbc(c: &mut Criterion) {
    let mut group = c.benchmark_group("data_cbc_4096");
    let data = message(4096);
    group.throughput(Throughput::Bytes(4096));
    for (name, algorithm, hex) in
        [("tdes", Algorithm::Tdes, TDES_KEY), ("aes", Algorithm::Aes, AES_KEY), ("sm4", Algorithm::Sm4, SM4_KEY)]
    {
        let key = key(algorithm, KeyUsage::DataEncryption, hex);
        group.bench_function(format!("{name}_encrypt"), |b| {
            b.iter(|| data::encrypt(&key, black_box(&data), Mode::Cbc, None, DataPadding::None).expect("encrypt"))
        });
        let ct = data::encrypt(&key, &data, Mode::Cbc, None, DataPadding::None).expect("encrypt");
        group.bench_function(format!("{name}_decrypt"), |b| {
            b.iter(|| data::decrypt(&key, black_box(&ct), Mode::Cbc, None, DataPadding::None).expect("decrypt"))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = criterion();
    targets = macs, data_cbc
}
criterion_main!(benches);
