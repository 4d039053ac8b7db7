//! PIN block decoding and decryption must be total: any bytes, any PAN, any
//! format give a PIN or an error, never a panic. A block that decodes must
//! also be exactly what encoding that PIN gives, for the formats without
//! random fill.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use posguard::pin::{self, PinFormat};
use posguard::{Algorithm, Key, KeyUsage};
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    block: &'a [u8],
    pan: &'a str,
    use_fixed_pan: bool,
}

const FIXED_PAN: &str = "4012345678909";
const KEY: [u8; 16] = *b"\x01\x23\x45\x67\x89\xAB\xCD\xEF\xFE\xDC\xBA\x98\x76\x54\x32\x10";

/// Formats whose clear block is fully determined by PIN and PAN.
fn deterministic(format: PinFormat) -> bool {
    matches!(format, PinFormat::Iso0 | PinFormat::Iso2 | PinFormat::Sm4)
}

fuzz_target!(|input: Input<'_>| {
    let pan = if input.use_fixed_pan { FIXED_PAN } else { input.pan };
    let mut rng = ChaCha20Rng::seed_from_u64(0);
    for format in PinFormat::ALL {
        for pan in [Some(pan), None] {
            if let Ok(p) = pin::decode(input.block, pan, format) {
                assert!((4..=12).contains(&p.len()) && p.as_str().bytes().all(|b| b.is_ascii_digit()));
                if deterministic(format) {
                    let again = pin::encode(p.as_str(), pan, format, &mut rng).expect("a decoded PIN encodes");
                    assert_eq!(again.expose(), input.block, "{format} decode/encode round trip");
                }
            }
        }
        let algorithm = match format {
            PinFormat::Iso4 => Algorithm::Aes,
            PinFormat::Sm4 => Algorithm::Sm4,
            _ => Algorithm::Tdes,
        };
        let key = Key::new(algorithm, KeyUsage::PinEncryption, &KEY).expect("fixed key");
        if let Ok(p) = pin::decrypt(input.block, Some(pan), &key, format)
            && deterministic(format)
        {
            let again = pin::encrypt(p.as_str(), Some(pan), &key, format, &mut rng).expect("a decrypted PIN encrypts");
            assert_eq!(again.as_bytes(), input.block, "{format} decrypt/encrypt round trip");
        }
    }
});
