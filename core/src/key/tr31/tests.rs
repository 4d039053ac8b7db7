use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use proptest::prelude::*;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

use super::*;

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap()
}

fn kbpk(alg: Algorithm, material: &[u8]) -> Key {
    Key::new(alg, KeyUsage::KeyBlockProtection, material).unwrap()
}

fn tdes2() -> Key {
    kbpk(Algorithm::Tdes, &unhex("89E88CF7931444F334BD7547FC3F380C"))
}
fn tdes3() -> Key {
    kbpk(Algorithm::Tdes, &unhex("89E88CF7931444F334BD7547FC3F380C0123456789ABCDEF"))
}
fn aes256() -> Key {
    kbpk(Algorithm::Aes, &unhex("88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6"))
}
fn aes128() -> Key {
    kbpk(Algorithm::Aes, &unhex("88E1AB2A2E3DD38C1FA039A536500CC8"))
}

fn rng() -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(31)
}

fn code(r: Result<impl core::fmt::Debug>) -> u32 {
    r.unwrap_err().code()
}

fn offset(r: Result<impl core::fmt::Debug>) -> Option<usize> {
    match r {
        Err(Error::MalformedKeyBlock { offset, .. }) => Some(offset),
        other => panic!("expected a malformed key block error, got {other:?}"),
    }
}

/// ISO 20038:2017 Annex B.2 (version E): KBPK "256-bit AES wrapping (ISO 20038)", key
/// "wrapped 3DES key". The block itself labels a B0 key with mode V, which X9.143 does
/// not allow, so `unwrap` refuses it; its binding (CTR-derived KBEK, AES CTR with the MAC
/// as initial counter, CMAC over header and clear key data) is checked here directly.
#[test]
fn iso20038_b2_version_e_binding() {
    let block = "E0084B0TV16N0000B2AE5E26BBA7F246E84D5EA24167E208A6B66EF2E27E55A52DB52F0AEACB94C57547";
    let kbpk = kbpk(Algorithm::Aes, b"256-bit AES wrapping (ISO 20038)");
    let keys = binding::block_keys(Version::E, &kbpk, true).unwrap();
    let b = block.as_bytes();
    let mut payload = unhex(&block[16..16 + 36]);
    let mac: [u8; 16] = unhex(&block[52..]).try_into().unwrap();
    binding::ctr(&keys.enc, &mac, &mut payload).unwrap();
    assert_eq!(&payload[..2], &[0x00, 0x80]);
    assert_eq!(&payload[2..], b"wrapped 3DES key");
    let mut computed = [0u8; 16];
    assert_eq!(binding::mac(Version::E, &keys, &b[..16], &payload, &mut computed).unwrap(), 16);
    assert_eq!(computed, mac);
    assert_eq!(code(unwrap(&kbpk, block, &UnwrapOptions::lenient())), 7);
    assert_eq!(inspect(block).unwrap_err().code(), 7);
}

#[test]
fn header_parse_errors_carry_offsets() {
    let good = "D0112P0AE00E0000B82679114F470F540165EDFBF7E250FCEA43F810D215F8D207E2E417C07156A27E8E31DA05F7425509593D03A457DC34";
    assert!(inspect(good).is_ok());
    let with = |i: usize, s: &str| {
        let mut t = String::from(&good[..i]);
        t.push_str(s);
        t.push_str(&good[i + s.len()..]);
        t
    };
    assert_eq!(offset(inspect("")), Some(0));
    assert_eq!(offset(inspect("D0112P0AE00")), Some(11));
    assert_eq!(offset(inspect(&with(0, "Z"))), Some(0));
    assert_eq!(offset(inspect(&with(2, "X"))), Some(2));
    assert_eq!(offset(inspect(&with(1, "0113"))), Some(1));
    assert_eq!(code(inspect(&with(5, "Z9"))), 6);
    assert_eq!(code(inspect(&with(7, "R"))), 5);
    assert_eq!(code(inspect(&with(8, "Q"))), 7);
    assert_eq!(code(inspect(&with(8, "G"))), 7); // P0 cannot generate
    assert_eq!(offset(inspect(&with(11, "X"))), Some(11));
    assert_eq!(offset(inspect(&with(12, "0A"))), Some(13));
    assert_eq!(offset(inspect(&with(40, "g"))), Some(40));
    assert_eq!(offset(unwrap(&aes256(), &with(40, "b"), &UnwrapOptions::default())), Some(40));
    // One optional block announced, none present: the key data is read as a block ("B8",
    // length 0x26), and the header then ends off a cipher block boundary.
    assert_eq!(offset(inspect(&with(12, "01"))), Some(54));
    // Non-ASCII (multibyte UTF-8) at character 20.
    let mut s = String::from(&good[..20]);
    s.push('é');
    s.push_str(&good[22..]);
    assert_eq!(offset(inspect(&s)), Some(20));
    assert_eq!(offset(inspect("é")), Some(0));
    // Strict-only header rules.
    let opts = UnwrapOptions::default();
    assert_eq!(offset(unwrap(&aes256(), &with(9, "0_"), &opts)), Some(10));
    assert_eq!(offset(unwrap(&aes256(), &with(15, "7"), &opts)), Some(15));
    // Header not a multiple of the block size: one 4-character optional block.
    let t = "B0032P0TE00E0100KS04";
    assert_eq!(offset(inspect(&alloc::format!("{t}{}", &"0".repeat(12)))), Some(20));
}

#[test]
fn optional_blocks_extended_length_and_pb() {
    let mut rng = rng();
    let key = Key::new(Algorithm::Aes, KeyUsage::PinEncryption, &[0x11; 16]).unwrap();
    let long: String = core::iter::repeat_n('Q', 300).collect();
    let options = WrapOptions {
        optional_blocks: vec![
            OptionalBlock::key_set_id(&[0x00, 0x60, 0x4B, 0x12, 0x0F, 0x92, 0x92, 0x80, 0x00, 0x00]),
            OptionalBlock::new("HM", &long),
            OptionalBlock::time_stamp("20200818221218Z"),
            OptionalBlock::initial_key_id(&[1, 2, 3, 4, 5, 6, 7, 8]),
            OptionalBlock::key_check_value(),
            OptionalBlock::kbpk_check_value(),
        ],
        ..WrapOptions::default()
    };
    let block = wrap(&aes256(), &key, &options, &mut rng).unwrap();
    assert!(block.contains("HM00020136"), "{block}");
    let header = inspect(&block).unwrap();
    let ids: Vec<&str> = header.optional_blocks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["KS", "HM", "TS", "IK", "KC", "KP", "PB"]);
    assert_eq!(header.optional_blocks[0].data, "00604B120F9292800000");
    assert_eq!(header.optional_blocks[1].data, long);
    assert_eq!(header.optional_blocks[3].data, "0102030405060708");
    assert_eq!(
        header.optional_blocks[4].data,
        alloc::format!("01{}", key.check_value_with(CheckValueMethod::Cmac, 5).unwrap())
    );
    assert_eq!(unwrap(&aes256(), &block, &UnwrapOptions::default()).unwrap(), key);

    // A KC that contradicts the key: refused in strict mode (after the MAC, which covers it).
    let bad = WrapOptions { optional_blocks: vec![OptionalBlock::new("KC", "01FFFFFFFFFF")], ..WrapOptions::default() };
    let block = wrap(&aes256(), &key, &bad, &mut rng).unwrap();
    assert_eq!(code(unwrap(&aes256(), &block, &UnwrapOptions::default())), 51);
    assert!(unwrap(&aes256(), &block, &UnwrapOptions::lenient()).is_ok());

    // PB is added by wrap, never given; duplicates and bad ids are refused.
    for bad in [
        vec![OptionalBlock::new("PB", "00")],
        vec![OptionalBlock::new("KS", "01"), OptionalBlock::new("KS", "02")],
        vec![OptionalBlock::new("k", "01")],
        vec![OptionalBlock::new("KS", "é")],
    ] {
        let o = WrapOptions { optional_blocks: bad, ..WrapOptions::default() };
        assert_eq!(code(wrap(&aes256(), &key, &o, &mut rng)), 16);
    }
}

fn keys_to_wrap() -> Vec<Key> {
    let mut r = ChaCha20Rng::seed_from_u64(5);
    let mut material = |n: usize| {
        let mut m = vec![0u8; n];
        r.fill_bytes(&mut m);
        m
    };
    vec![
        Key::new(Algorithm::Tdes, KeyUsage::PinEncryption, &material(16)).unwrap(),
        Key::with_mode(Algorithm::Tdes, KeyUsage::Bdk, ModeOfUse::Derive, &material(24)).unwrap(),
        Key::with_mode(Algorithm::Tdes, KeyUsage::MacIso9797_3, ModeOfUse::Verify, &material(16)).unwrap(),
        Key::new(Algorithm::Des, KeyUsage::MacIso9797_1, &material(8)).unwrap(),
        Key::with_mode(Algorithm::Aes, KeyUsage::DataEncryption, ModeOfUse::Decrypt, &material(16)).unwrap(),
        Key::new(Algorithm::Aes, KeyUsage::KeyEncryption, &material(24)).unwrap(),
        Key::new(Algorithm::Aes, KeyUsage::DukptInitialKey, &material(32)).unwrap(),
        Key::new(Algorithm::Hmac, KeyUsage::MacHmac, &material(32)).unwrap(),
        Key::new(Algorithm::Hmac, KeyUsage::MacHmac, &material(16)).unwrap(),
    ]
}

#[test]
fn wrap_then_unwrap_all_versions_and_key_types() {
    let mut rng = rng();
    let mut n = 0;
    for version in [Version::B, Version::C, Version::D, Version::E] {
        let protectors = match version {
            Version::D | Version::E => vec![aes128(), kbpk(Algorithm::Aes, &[7; 24]), aes256()],
            _ => vec![tdes2(), tdes3()],
        };
        for p in &protectors {
            for key in keys_to_wrap() {
                for mask in [true, false] {
                    let options = WrapOptions {
                        version,
                        key_version: "c1".into(),
                        exportability: Exportability::Sensitive,
                        optional_blocks: vec![OptionalBlock::time_stamp("2024-01-01T00:00:00Z")],
                        mask_key_length: mask,
                    };
                    let result = wrap(p, &key, &options, &mut rng);
                    if strength(p.algorithm(), p.len()) < strength(key.algorithm(), key.len()) {
                        assert_eq!(code(result), 51, "{version} {p:?} {key:?}");
                        continue;
                    }
                    let block = result.unwrap();
                    let strict = UnwrapOptions { strict: mask, ..UnwrapOptions::default() };
                    assert_eq!(unwrap(p, &block, &strict).unwrap(), key, "{block}");
                    assert_eq!(unwrap(p, &block, &UnwrapOptions::lenient()).unwrap(), key);
                    let bs = version.block_size();
                    let unmasked_len =
                        if version == Version::E { 2 + key.len() } else { (2 + key.len()).div_ceil(bs) * bs };
                    if !mask && unmasked_len < 2 + max_key_len(key.algorithm()) {
                        // No obfuscation: strict X9.143 validation refuses, lenient accepts.
                        assert_eq!(code(unwrap(p, &block, &UnwrapOptions::default())), 50, "{block}");
                    }
                    let h = inspect(&block).unwrap();
                    assert_eq!(
                        (h.version, h.usage, h.algorithm, h.mode, h.key_version.as_str(), h.exportability),
                        (version, key.usage(), key.algorithm(), key.mode(), "c1", Exportability::Sensitive)
                    );
                    assert_eq!(h.length, block.len());
                    n += 1;
                }
            }
        }
    }
    assert!(n > 80, "{n}");
}

/// Every change of one character to another valid one (a hex digit for hex, any printable
/// character in the header) is rejected, whatever the version.
#[test]
fn every_single_character_change_is_rejected() {
    let mut rng = rng();
    let key = Key::new(Algorithm::Tdes, KeyUsage::PinEncryption, &unhex("F039121BEC83D26B169BDCD5B22AAF8F")).unwrap();
    let with_ks =
        WrapOptions { optional_blocks: vec![OptionalBlock::new("KS", "00604B120F9292800000")], ..Default::default() };
    let mut blocks = Vec::new();
    for (version, p) in [(Version::B, tdes2()), (Version::C, tdes2()), (Version::D, aes256()), (Version::E, aes128())] {
        blocks.push((p.clone(), wrap(&p, &key, &WrapOptions { version, ..with_ks.clone() }, &mut rng).unwrap()));
    }
    let opts = UnwrapOptions { strict: true, allow_version_a: true };
    for (p, block) in &blocks {
        assert!(unwrap(p, block, &opts).is_ok());
        for i in 0..block.len() {
            let original = block.as_bytes()[i];
            let alphabet: &[u8] = if i < inspect(block).map(|_| 16).unwrap_or(16) || !original.is_ascii_hexdigit() {
                b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefz -.:"
            } else {
                b"0123456789ABCDEF"
            };
            for &c in alphabet.iter().filter(|&&c| c != original) {
                let mut changed = block.clone().into_bytes();
                changed[i] = c;
                let changed = String::from_utf8(changed).unwrap();
                assert!(unwrap(p, &changed, &opts).is_err(), "{block} position {i} -> {}", c as char);
            }
        }
    }
}

#[test]
fn mac_failure_reveals_nothing() {
    let mut rng = rng();
    let key = Key::new(Algorithm::Aes, KeyUsage::PinEncryption, &[0x42; 16]).unwrap();
    let block = wrap(&aes256(), &key, &WrapOptions::default(), &mut rng).unwrap();
    let other = kbpk(Algorithm::Aes, &[0x24; 32]);
    let err = unwrap(&other, &block, &UnwrapOptions::default()).unwrap_err();
    assert_eq!(err, Error::KeyBlockIntegrity);
    assert_eq!(err.kind(), crate::ErrorKind::Integrity);
    assert_eq!(err.to_string(), "key block authentication failed");
}

#[test]
fn strength_and_version_refusals() {
    let mut rng = rng();
    let aes_key = Key::new(Algorithm::Aes, KeyUsage::DataEncryption, &[1; 32]).unwrap();
    let tdes3_key =
        Key::new(Algorithm::Tdes, KeyUsage::DataEncryption, &unhex("0123456789ABCDEFFEDCBA987654321089ABCDEF01234567"))
            .unwrap();
    let d = WrapOptions::default();
    let b = WrapOptions { version: Version::B, ..WrapOptions::default() };
    // A 2-key TDES KBPK cannot protect AES-256 or 3-key TDES; AES-128 cannot protect AES-256.
    assert_eq!(code(wrap(&tdes2(), &aes_key, &b, &mut rng)), 51);
    assert_eq!(code(wrap(&tdes2(), &tdes3_key, &b, &mut rng)), 51);
    assert_eq!(code(wrap(&aes128(), &aes_key, &d, &mut rng)), 51);
    assert!(wrap(&aes128(), &tdes3_key, &d, &mut rng).is_ok());
    // Version and KBPK algorithm must fit.
    assert_eq!(code(wrap(&tdes3(), &tdes3_key, &d, &mut rng)), 51);
    assert_eq!(code(wrap(&aes256(), &tdes3_key, &b, &mut rng)), 51);
    assert_eq!(code(wrap(&aes256(), &tdes3_key, &WrapOptions { version: Version::A, ..d.clone() }, &mut rng)), 51);
    // On unwrap too: a B block under an AES key, a 3-key TDES key under a 2-key KBPK.
    let block = wrap(&tdes3(), &tdes3_key, &b, &mut rng).unwrap();
    assert_eq!(code(unwrap(&aes256(), &block, &UnwrapOptions::default())), 51);
    let forged_kbpk = kbpk(Algorithm::Tdes, &unhex("89E88CF7931444F334BD7547FC3F380C"));
    assert!(unwrap(&forged_kbpk, &block, &UnwrapOptions::default()).is_err());
    // The KBPK must be a K0/K1 key whose mode allows the direction.
    let pin_key = Key::new(Algorithm::Aes, KeyUsage::PinEncryption, &[3; 32]).unwrap();
    assert_eq!(code(wrap(&pin_key, &tdes3_key, &d, &mut rng)), 3);
    let decrypt_only =
        Key::with_mode(Algorithm::Aes, KeyUsage::KeyBlockProtection, ModeOfUse::Decrypt, &[3; 32]).unwrap();
    assert_eq!(code(wrap(&decrypt_only, &tdes3_key, &d, &mut rng)), 3);
    let kek = Key::new(Algorithm::Aes, KeyUsage::KeyEncryption, &[3; 32]).unwrap();
    let block = wrap(&kek, &tdes3_key, &d, &mut rng).unwrap();
    assert!(unwrap(&decrypt_only, &block, &UnwrapOptions::default()).is_ok());
    let encrypt_only = Key::with_mode(Algorithm::Aes, KeyUsage::KeyEncryption, ModeOfUse::Encrypt, &[3; 32]).unwrap();
    assert_eq!(code(unwrap(&encrypt_only, &block, &UnwrapOptions::default())), 3);
    // SM4 keys have no TR-31 algorithm code; bad key versions are refused.
    let sm4 = Key::new(Algorithm::Sm4, KeyUsage::DataEncryption, &[9; 16]).unwrap();
    assert_eq!(code(wrap(&aes256(), &sm4, &d, &mut rng)), 4);
    for kv in ["0", "000", "é1", "c_", "  "] {
        let o = WrapOptions { key_version: kv.into(), ..d.clone() };
        assert_eq!(code(wrap(&aes256(), &tdes3_key, &o, &mut rng)), 16, "{kv}");
    }
}

#[test]
fn version_a_needs_the_legacy_option() {
    // TR-31:2018 Annex A.7.2.1.
    let block = "A0072P0TE00E0000F5161ED902807AF26F1D62263644BD24192FDB3193C730301CEE8701";
    let legacy = UnwrapOptions { strict: false, allow_version_a: true };
    assert!(unwrap(&tdes2(), block, &legacy).is_ok());
    assert_eq!(code(unwrap(&tdes2(), block, &UnwrapOptions::lenient())), 51);
    assert_eq!(code(unwrap(&tdes2(), block, &UnwrapOptions::default())), 51);
    assert_eq!(inspect(block).unwrap().version, Version::A);
}

#[test]
fn lenient_accepts_lower_case_hex_strict_does_not() {
    // TR-31:2018 Annex A.7.4, hex digits in lower case.
    let block = "D0112P0AE00E0000B82679114F470F540165EDFBF7E250FCEA43F810D215F8D207E2E417C07156A27E8E31DA05F7425509593D03A457DC34";
    let lower = alloc::format!("{}{}", &block[..16], block[16..].to_ascii_lowercase());
    assert!(unwrap(&aes256(), &lower, &UnwrapOptions::lenient()).is_ok());
    assert_eq!(offset(unwrap(&aes256(), &lower, &UnwrapOptions::default())), Some(16));
    // Unmasked: strict refuses with the offset of the key data.
    assert_eq!(offset(unwrap(&aes256(), block, &UnwrapOptions::default())), Some(16));
}

#[test]
fn names_and_codes_round_trip() {
    for v in [Version::A, Version::B, Version::C, Version::D, Version::E] {
        assert_eq!(v.code().to_string().parse::<Version>().unwrap(), v);
        assert_eq!(v.name().parse::<Version>().unwrap(), v);
    }
    assert!("F".parse::<Version>().is_err());
    assert!("DD".parse::<Version>().is_err());
    for e in [Exportability::Exportable, Exportability::NonExportable, Exportability::Sensitive] {
        assert_eq!(e.code().to_string().parse::<Exportability>().unwrap(), e);
        assert_eq!(e.name().parse::<Exportability>().unwrap(), e);
    }
    assert!("X".parse::<Exportability>().is_err());
    assert_eq!(WrapOptions::default().exportability, Exportability::NonExportable);
    assert!(UnwrapOptions::default().strict);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any string: an error or a key, never a panic.
    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,200}") {
        let _ = inspect(&s);
        let _ = unwrap(&aes256(), &s, &UnwrapOptions::default());
        let _ = unwrap(&tdes2(), &s, &UnwrapOptions { strict: false, allow_version_a: true });
    }

    /// Plausible headers with random tails: never a panic.
    #[test]
    fn plausible_blocks_never_panic(
        v in "[A-F]", usage in "(P0|K1|B0|M3|D0|Z9)", alg in "[ATDHRS]", mode in "[BCDENXVG]",
        n in 0usize..3, tail in "[0-9A-Fa-f]{0,120}", opt in "(KS04|PB08AAAA|HM0002000A12|KC0C01)?"
    ) {
        let body = alloc::format!("{usage}{alg}{mode}00E0{n}00{opt}{tail}");
        let s = alloc::format!("{v}{:04}{body}", body.len() + 5);
        let _ = inspect(&s);
        let _ = unwrap(&aes256(), &s, &UnwrapOptions::lenient());
        let _ = unwrap(&tdes2(), &s, &UnwrapOptions { strict: false, allow_version_a: true });
    }

    /// Wrap then unwrap returns the same key and attributes for random material.
    #[test]
    fn round_trip_random_keys(material in proptest::collection::vec(any::<u8>(), 32), seed in any::<u64>(), e in any::<bool>()) {
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let version = if e { Version::E } else { Version::D };
        let key = Key::new(Algorithm::Aes, KeyUsage::PinEncryption, &material).unwrap();
        let block = wrap(&aes256(), &key, &WrapOptions { version, ..WrapOptions::default() }, &mut rng).unwrap();
        prop_assert_eq!(unwrap(&aes256(), &block, &UnwrapOptions::default()).unwrap(), key);
    }
}
