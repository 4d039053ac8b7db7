//! HMAC-SHA256 (RFC 2104, FIPS 198-1), from RustCrypto `hmac` and `sha2`.

use hmac::{Hmac, KeyInit, Mac as _};
use sha2::Sha256;

/// Full HMAC-SHA256 output length in bytes.
pub(super) const HMAC_SHA256_LEN: usize = 32;

/// Streaming HMAC-SHA256 state (the key is hashed/padded into the state at creation).
pub(super) struct HmacState(Hmac<Sha256>);

impl HmacState {
    /// HMAC accepts keys of any length (longer than the 64-byte block: hashed first).
    pub(super) fn new(key: &[u8]) -> Self {
        // `new_from_slice` never fails for HMAC; fall back to an unreachable empty key rather than panic.
        Self(
            Hmac::<Sha256>::new_from_slice(key).unwrap_or_else(|_| <Hmac<Sha256> as KeyInit>::new(&Default::default())),
        )
    }

    pub(super) fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }

    pub(super) fn finalize(self) -> [u8; HMAC_SHA256_LEN] {
        self.0.finalize().into_bytes().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    fn unhex(s: &str) -> Vec<u8> {
        hex::decode(s).unwrap()
    }

    fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
        let mut h = HmacState::new(key);
        h.update(data);
        h.finalize()
    }

    /// RFC 4231 section 4, test cases 1–7 (HMAC-SHA-256), on the raw state: cases 2, 6 and 7
    /// use keys (4 and 131 bytes) that an `Algorithm::Hmac` key (16 to 32 bytes) cannot hold;
    /// `tests/vectors/mac.json` runs cases 1, 3, 4, 5 and RFC 4868 through the public API.
    #[test]
    fn rfc4231_test_cases() {
        let aa131 = [0xAAu8; 131];
        let cases: [(&[u8], &[u8], &str); 7] = [
            (&[0x0B; 20], b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (
                b"Jefe",
                b"what do ya want for nothing?",
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (&[0xAA; 20], &[0xDD; 50], "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            (
                &unhex("0102030405060708090a0b0c0d0e0f10111213141516171819"),
                &[0xCD; 50],
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            ),
            // Test case 5 is truncated to 128 bits.
            (&[0x0C; 20], b"Test With Truncation", "a3b6167473100ee06e0c796c2955552b"),
            (
                &aa131,
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                &aa131,
                b"This is a test using a larger than block-size key and a larger than block-size data. \
                  The key needs to be hashed before being used by the HMAC algorithm.",
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (i, (key, data, expected)) in cases.iter().enumerate() {
            let expected = unhex(expected);
            assert_eq!(&hmac(key, data)[..expected.len()], &expected[..], "RFC 4231 test case {}", i + 1);
        }
    }
}
