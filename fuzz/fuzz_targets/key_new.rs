//! Key construction and attribute parsing must be total: any material,
//! algorithm, usage and mode give a key or an error, never a panic. A key that
//! is built keeps its attributes and material and computes its check values.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use posguard::pin::PinFormat;
use posguard::{Algorithm, CheckValueMethod, Key, KeyUsage, ModeOfUse};

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    algorithm: u8,
    usage: u8,
    mode: Option<u8>,
    material: &'a [u8],
    name: &'a str,
}

fuzz_target!(|input: Input<'_>| {
    // The name parsers take any string.
    let _ = input.name.parse::<Algorithm>();
    let _ = input.name.parse::<KeyUsage>();
    let _ = input.name.parse::<ModeOfUse>();
    let _ = input.name.parse::<PinFormat>();

    let algorithm = Algorithm::ALL[usize::from(input.algorithm) % Algorithm::ALL.len()];
    let usage = KeyUsage::ALL[usize::from(input.usage) % KeyUsage::ALL.len()];
    let key = match input.mode {
        Some(m) => {
            Key::with_mode(algorithm, usage, ModeOfUse::ALL[usize::from(m) % ModeOfUse::ALL.len()], input.material)
        }
        None => Key::new(algorithm, usage, input.material),
    };
    let Ok(key) = key else { return };
    assert!(algorithm.key_lengths().contains(&input.material.len()));
    assert_eq!((key.algorithm(), key.usage(), key.len()), (algorithm, usage, input.material.len()));
    assert_eq!(key.export_clear().expose(), input.material);
    for len in 0..=17 {
        for method in [CheckValueMethod::ZeroBlock, CheckValueMethod::Cmac] {
            let kcv = key.check_value_with(method, len);
            assert_eq!(kcv.is_ok(), (1..=algorithm.block_size().unwrap_or(0)).contains(&len));
        }
    }
    if let Ok(kcv) = key.check_value() {
        assert!(key.verify_check_value(CheckValueMethod::default_for(algorithm), kcv.as_bytes()).is_ok());
    } else {
        assert_eq!(algorithm, posguard::Algorithm::Hmac);
    }
    let _ = key.check_value_unionpay();
    let _ = format!("{key:?}");
});
