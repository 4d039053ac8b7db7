use proptest::prelude::*;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

use alloc::string::String;
use alloc::{format, vec};

use super::*;
use crate::Algorithm;

fn key(alg: Algorithm, material: &[u8]) -> Key {
    Key::new(alg, KeyUsage::PinEncryption, material).unwrap()
}

fn key_for(format: PinFormat) -> Key {
    match format.algorithm() {
        Algorithm::Tdes => key(Algorithm::Tdes, &hex::decode("0123456789ABCDEFFEDCBA9876543210").unwrap()),
        alg => key(alg, &hex::decode("000102030405060708090A0B0C0D0E0F").unwrap()),
    }
}

fn rng() -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(9564)
}

const PAN: &str = "4012345678909";

#[test]
fn format0_clear_block_is_the_x9_24_example() {
    // ANSI X9.24-1:2009 Annex A.4: PIN 1234, PAN 4012345678909 -> 041274EDCBA9876F.
    let b = encode("1234", Some(PAN), PinFormat::Iso0, &mut rng()).unwrap();
    assert_eq!(hex::encode_upper(b.expose()), "041274EDCBA9876F");
}

#[test]
fn fills_follow_each_format() {
    let mut r = rng();
    for _ in 0..200 {
        let b = encode("1234", None, PinFormat::Iso1, &mut r).unwrap();
        assert_eq!(&b.expose()[..3], &[0x14, 0x12, 0x34]);
        let b = encode("1234", None, PinFormat::Iso2, &mut r).unwrap();
        assert_eq!(b.expose(), &[0x24, 0x12, 0x34, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        let b = encode("1234", None, PinFormat::Iso4, &mut r).unwrap();
        assert_eq!(&b.expose()[..8], &[0x44, 0x12, 0x34, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA]);
        // Format 3 fill, seen through the PAN XOR: every fill nibble is A-F.
        let b = encode("1234", Some("0000000000000"), PinFormat::Iso3, &mut r).unwrap();
        assert!(b.expose()[3..].iter().all(|x| x >> 4 >= 0xA && x & 0xF >= 0xA));
    }
}

#[test]
fn sm4_block_layout() {
    // PIN field 0|N|PIN|F..F (32 nibbles); PAN field 20 zero nibbles + 12 PAN digits.
    let b = encode("123456", Some("6225881234567890"), PinFormat::Sm4, &mut rng()).unwrap();
    let mut expected = hex::decode("06123456FFFFFFFFFFFFFFFFFFFFFFFF").unwrap();
    let pan = hex::decode("00000000000000000000588123456789").unwrap();
    expected.iter_mut().zip(&pan).for_each(|(e, p)| *e ^= p);
    assert_eq!(b.expose(), expected.as_slice());
}

#[test]
fn format4_pan_field_short_and_long_pans() {
    // The PAN field enters only the encipherment: check it through decrypt of a
    // block built by hand (C = E(E(P) ^ A)).
    let k = key_for(PinFormat::Iso4);
    for (pan, field) in [
        ("4111111111111111", "44111111111111111000000000000000"),
        ("123", "00000000001230000000000000000000"),
        ("1234567890123456789", "71234567890123456789000000000000"),
    ] {
        let p = encode("1234", None, PinFormat::Iso4, &mut rng()).unwrap();
        let mut blk = [0u8; 16];
        blk.copy_from_slice(p.expose());
        k.cipher().unwrap().encrypt_block(&mut blk).unwrap();
        xor(&mut blk, &hex::decode(field).unwrap());
        k.cipher().unwrap().encrypt_block(&mut blk).unwrap();
        assert_eq!(decrypt(&blk, Some(pan), &k, PinFormat::Iso4).unwrap().as_str(), "1234", "{pan}");
        assert_eq!(encrypt_with_same_rng(pan, &k), blk, "{pan}");
    }
}

fn encrypt_with_same_rng(pan: &str, k: &Key) -> [u8; 16] {
    let b = encrypt("1234", Some(pan), k, PinFormat::Iso4, &mut rng()).unwrap();
    b.as_bytes().try_into().unwrap()
}

#[test]
fn key_usage_and_algorithm_are_enforced() {
    let mac =
        Key::new(Algorithm::Tdes, KeyUsage::Mac, &hex::decode("0123456789ABCDEFFEDCBA9876543210").unwrap()).unwrap();
    let e = encrypt("1234", Some(PAN), &mac, PinFormat::Iso0, &mut rng()).unwrap_err();
    assert!(matches!(e, Error::KeyUsage { .. }));
    assert_eq!(e.kind(), crate::ErrorKind::KeyUsage);
    let aes = key_for(PinFormat::Iso4);
    assert!(matches!(encrypt("1234", Some(PAN), &aes, PinFormat::Iso0, &mut rng()), Err(Error::KeyAlgorithm { .. })));
    let tdes = key_for(PinFormat::Iso0);
    assert!(matches!(encrypt("1234", Some(PAN), &tdes, PinFormat::Iso4, &mut rng()), Err(Error::KeyAlgorithm { .. })));
    assert!(matches!(encrypt("1234", Some(PAN), &tdes, PinFormat::Sm4, &mut rng()), Err(Error::KeyAlgorithm { .. })));
    let enc_only =
        Key::with_mode(Algorithm::Tdes, KeyUsage::PinEncryption, ModeOfUse::Encrypt, tdes.export_clear().expose())
            .unwrap();
    let blk = encrypt("1234", Some(PAN), &enc_only, PinFormat::Iso0, &mut rng()).unwrap();
    assert!(matches!(decrypt(blk.as_bytes(), Some(PAN), &enc_only, PinFormat::Iso0), Err(Error::KeyUsage { .. })));
}

#[test]
fn bad_pins_pans_and_blocks() {
    let k = key_for(PinFormat::Iso0);
    let mut r = rng();
    for pin in ["123", "1234567890123", "12a4", "", "12 4", "１２３４"] {
        assert!(matches!(encrypt(pin, Some(PAN), &k, PinFormat::Iso0, &mut r), Err(Error::InvalidPin(_))), "{pin}");
    }
    for pan in ["401234567890", "40123456789O9", "40123456789012345678"] {
        assert!(matches!(encrypt("1234", Some(pan), &k, PinFormat::Iso0, &mut r), Err(Error::InvalidPan(_))), "{pan}");
    }
    assert!(matches!(encrypt("1234", None, &k, PinFormat::Iso3, &mut r), Err(Error::InvalidPan(_))));
    let k4 = key_for(PinFormat::Iso4);
    assert!(matches!(encrypt("1234", Some(""), &k4, PinFormat::Iso4, &mut r), Err(Error::InvalidPan(_))));
    assert!(matches!(
        encrypt("1234", Some("12345678901234567890"), &k4, PinFormat::Iso4, &mut r),
        Err(Error::InvalidPan(_))
    ));
    for len in [0, 7, 9, 16] {
        assert!(matches!(decrypt(&vec![0u8; len], Some(PAN), &k, PinFormat::Iso0), Err(Error::InvalidPinBlock(_))));
    }
    // Well-sized blocks with malformed fields.
    for clear in ["141234FFFFFFFFFF", "0D1234FFFFFFFFFF", "0312FFFFFFFFFFFF", "04123AFFFFFFFFFF", "041234FFFFFFFFFE"] {
        let raw = hex::decode(clear).unwrap();
        assert!(
            matches!(
                decode(&raw, None, PinFormat::Iso2).or(Err(Error::InvalidPinBlock("x"))),
                Err(Error::InvalidPinBlock(_))
            ),
            "{clear}"
        );
    }
    assert!(matches!(
        decode(&hex::decode("34123412FFFFFFFF").unwrap(), Some("0000000000000"), PinFormat::Iso3),
        Err(Error::InvalidPinBlock(_))
    ));
    assert!(matches!(
        decode(&hex::decode("441234AAAAAAAAA0").unwrap(), None, PinFormat::Iso4),
        Err(Error::InvalidPinBlock(_))
    ));
    assert!(decode(&hex::decode("441234AAAAAAAAAA0000000000000000").unwrap(), None, PinFormat::Iso4).is_ok());
    assert!(matches!(
        decode(&hex::decode("441234AAAAAAAAA10000000000000000").unwrap(), None, PinFormat::Iso4),
        Err(Error::InvalidPinBlock(_))
    ));
}

#[test]
fn translation_rules_and_round_trip() {
    let mut r = rng();
    let t1 = key_for(PinFormat::Iso0);
    let t2 = key(Algorithm::Tdes, &hex::decode("89ABCDEF0123456776543210FEDCBA98").unwrap());
    let a = key_for(PinFormat::Iso4);
    let blk = encrypt("8264", Some(PAN), &a, PinFormat::Iso4, &mut r).unwrap();
    let to0 = translate(blk.as_bytes(), Some(PAN), &a, PinFormat::Iso4, &t2, PinFormat::Iso0, &mut r).unwrap();
    assert_eq!(decrypt(to0.as_bytes(), Some(PAN), &t2, PinFormat::Iso0).unwrap().as_str(), "8264");
    // Under the wrong key the block does not yield the PIN.
    let wrong = decrypt(to0.as_bytes(), Some(PAN), &t1, PinFormat::Iso0);
    assert!(wrong.map(|p| p.as_str() != "8264").unwrap_or(true));
    for to in [PinFormat::Iso1, PinFormat::Iso2] {
        assert_eq!(
            translate(to0.as_bytes(), Some(PAN), &t2, PinFormat::Iso0, &t1, to, &mut r),
            Err(Error::ForbiddenTranslation { from: PinFormat::Iso0, to })
        );
    }
    let f1 = encrypt("8264", None, &t1, PinFormat::Iso1, &mut r).unwrap();
    let f3 = translate(f1.as_bytes(), Some(PAN), &t1, PinFormat::Iso1, &t2, PinFormat::Iso3, &mut r).unwrap();
    assert_eq!(decrypt(f3.as_bytes(), Some(PAN), &t2, PinFormat::Iso3).unwrap().as_str(), "8264");
    // The PAN is bound: under another PAN the block no longer yields the PIN.
    let other = decrypt(f3.as_bytes(), Some("5555555555554444"), &t2, PinFormat::Iso3);
    assert!(other.map(|p| p.as_str() != "8264").unwrap_or(true));
}

#[test]
fn secrets_do_not_print() {
    let p = Pin::new("8264").unwrap();
    assert_eq!(format!("{p:?}"), "Pin(<redacted>)");
    let b = encode("8264", Some(PAN), PinFormat::Iso0, &mut rng()).unwrap();
    assert!(!format!("{b:?}").contains("8264"));
}

fn pan_strategy() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[0-9]{13,19}").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn round_trips_in_every_format(pin in "[0-9]{4,12}", pan in pan_strategy(), seed in any::<u64>(), fmt in 0usize..6) {
        let format = PinFormat::ALL[fmt];
        let mut r = ChaCha20Rng::seed_from_u64(seed);
        let clear = encode(&pin, Some(&pan), format, &mut r).unwrap();
        let decoded = decode(clear.expose(), Some(&pan), format).unwrap();
        prop_assert_eq!(decoded.as_str(), pin.as_str());
        let k = key_for(format);
        let blk = encrypt(&pin, Some(&pan), &k, format, &mut r).unwrap();
        prop_assert_eq!(blk.as_bytes().len(), format.block_len());
        let decrypted = decrypt(blk.as_bytes(), Some(&pan), &k, format).unwrap();
        prop_assert_eq!(decrypted.as_str(), pin.as_str());
    }

    #[test]
    fn translation_preserves_the_pin(pin in "[0-9]{4,12}", pan in pan_strategy(), from in 0usize..6, to in 0usize..6) {
        let (from, to) = (PinFormat::ALL[from], PinFormat::ALL[to]);
        let mut r = ChaCha20Rng::seed_from_u64(7);
        let blk = encrypt(&pin, Some(&pan), &key_for(from), from, &mut r).unwrap();
        let out = translate(blk.as_bytes(), Some(&pan), &key_for(from), from, &key_for(to), to, &mut r);
        if from.may_translate_to(to) {
            let out = out.unwrap();
            let decrypted = decrypt(out.as_bytes(), Some(&pan), &key_for(to), to).unwrap();
            prop_assert_eq!(decrypted.as_str(), pin.as_str());
        } else {
            prop_assert_eq!(out, Err(Error::ForbiddenTranslation { from, to }));
        }
    }

    #[test]
    fn decode_never_panics(block in proptest::collection::vec(any::<u8>(), 0..20), fmt in 0usize..6) {
        let _ = decode(&block, Some(PAN), PinFormat::ALL[fmt]);
    }
}
