//! The PIN block formats posguard knows.

use core::fmt;
use core::str::FromStr;

use crate::error::Error;
use crate::key::Algorithm;

/// A PIN block format: ISO 9564-1 formats 0–4 and the China UnionPay SM4 block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PinFormat {
    /// ISO 9564-1 format 0 (ANSI X9.8): PIN XOR PAN, `F` fill. TDES.
    Iso0,
    /// ISO 9564-1 format 1: PIN with random fill, no PAN. TDES.
    Iso1,
    /// ISO 9564-1 format 2: PIN with `F` fill, no PAN (ICC offline PIN). TDES.
    Iso2,
    /// ISO 9564-1 format 3: PIN XOR PAN, random `A`–`F` fill. TDES.
    Iso3,
    /// ISO 9564-1 format 4: 16-byte PIN field and PAN field, AES encipherment with chaining.
    Iso4,
    /// China UnionPay SM4 block: format 0 widened to 16 bytes, SM4-ECB.
    Sm4,
}

impl PinFormat {
    /// Every format.
    pub const ALL: [PinFormat; 6] =
        [PinFormat::Iso0, PinFormat::Iso1, PinFormat::Iso2, PinFormat::Iso3, PinFormat::Iso4, PinFormat::Sm4];

    /// Name used across the bindings: `iso0` … `iso4`, `sm4`.
    pub const fn name(self) -> &'static str {
        match self {
            PinFormat::Iso0 => "iso0",
            PinFormat::Iso1 => "iso1",
            PinFormat::Iso2 => "iso2",
            PinFormat::Iso3 => "iso3",
            PinFormat::Iso4 => "iso4",
            PinFormat::Sm4 => "sm4",
        }
    }

    /// The ISO 9564-1 format number, `None` for the SM4 block.
    pub const fn number(self) -> Option<u8> {
        match self {
            PinFormat::Iso0 => Some(0),
            PinFormat::Iso1 => Some(1),
            PinFormat::Iso2 => Some(2),
            PinFormat::Iso3 => Some(3),
            PinFormat::Iso4 => Some(4),
            PinFormat::Sm4 => None,
        }
    }

    /// The block length in bytes: 8 for formats 0–3, 16 for format 4 and SM4.
    pub const fn block_len(self) -> usize {
        match self {
            PinFormat::Iso4 | PinFormat::Sm4 => 16,
            _ => 8,
        }
    }

    /// The key algorithm the format is enciphered with.
    pub const fn algorithm(self) -> Algorithm {
        match self {
            PinFormat::Iso4 => Algorithm::Aes,
            PinFormat::Sm4 => Algorithm::Sm4,
            _ => Algorithm::Tdes,
        }
    }

    /// True for the formats that bind the PIN to the PAN (0, 3, 4, SM4).
    pub const fn binds_pan(self) -> bool {
        !matches!(self, PinFormat::Iso1 | PinFormat::Iso2)
    }

    /// Whether ISO 9564-1 / PCI PIN allow translating a block from `self` to `to`:
    /// a PAN-bound block never becomes a block without the PAN.
    pub const fn may_translate_to(self, to: PinFormat) -> bool {
        !self.binds_pan() || to.binds_pan()
    }
}

impl fmt::Display for PinFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl TryFrom<u8> for PinFormat {
    type Error = Error;
    fn try_from(n: u8) -> Result<Self, Error> {
        PinFormat::ALL.into_iter().find(|f| f.number() == Some(n)).ok_or(Error::UnknownPinFormat)
    }
}

impl FromStr for PinFormat {
    type Err = Error;
    /// Accepts `0`–`4`, `iso0`–`iso4` (also `iso-0`, `ISO 0`, `format0`) and `sm4`, any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("sm4") {
            return Ok(PinFormat::Sm4);
        }
        let lower = s.as_bytes();
        let digits = ["iso-", "iso ", "iso", "format", ""]
            .iter()
            .find(|p| lower.len() == p.len() + 1 && lower[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
            .map(|p| lower[p.len()]);
        match digits {
            Some(d @ b'0'..=b'4') => PinFormat::try_from(d - b'0'),
            _ => Err(Error::UnknownPinFormat),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_parse() {
        for f in PinFormat::ALL {
            assert_eq!(f.name().parse::<PinFormat>().unwrap(), f);
            if let Some(n) = f.number() {
                assert_eq!(PinFormat::try_from(n).unwrap(), f);
            }
        }
        assert_eq!("ISO-3".parse::<PinFormat>().unwrap(), PinFormat::Iso3);
        assert_eq!("4".parse::<PinFormat>().unwrap(), PinFormat::Iso4);
        for bad in ["", "5", "iso5", "iso", "sm3", "iso00", "x0"] {
            assert_eq!(bad.parse::<PinFormat>(), Err(Error::UnknownPinFormat), "{bad}");
        }
        assert!(PinFormat::try_from(5).is_err());
    }

    #[test]
    fn translation_rules() {
        use PinFormat::*;
        for from in [Iso0, Iso3, Iso4, Sm4] {
            assert!(!from.may_translate_to(Iso1) && !from.may_translate_to(Iso2));
            assert!(from.may_translate_to(Iso0) && from.may_translate_to(Iso4));
        }
        assert!(Iso1.may_translate_to(Iso0) && Iso1.may_translate_to(Iso2) && Iso2.may_translate_to(Iso1));
    }
}
