//! Key attributes in the TR-31 / ANSI X9.143 vocabulary.

use core::fmt;
use core::str::FromStr;

use crate::error::Error;

/// Block cipher family of a key; the material length picks the variant
/// (TDES 2-key/3-key, AES-128/192/256).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// Single DES: legacy MAC keys only.
    Des,
    /// Triple DES, 2-key (16 bytes) or 3-key (24 bytes).
    Tdes,
    /// AES-128, AES-192 or AES-256.
    Aes,
    /// SM4 (GB/T 32907), 16 bytes.
    Sm4,
    /// HMAC key (used with SHA-256): 16 to 32 bytes. No block cipher.
    Hmac,
}

impl Algorithm {
    /// Every algorithm, for tables and tests.
    pub const ALL: [Algorithm; 5] = [Algorithm::Des, Algorithm::Tdes, Algorithm::Aes, Algorithm::Sm4, Algorithm::Hmac];

    /// Lowercase name used across the bindings: `des`, `tdes`, `aes`, `sm4`, `hmac`.
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::Des => "des",
            Algorithm::Tdes => "tdes",
            Algorithm::Aes => "aes",
            Algorithm::Sm4 => "sm4",
            Algorithm::Hmac => "hmac",
        }
    }

    /// Key material lengths the algorithm accepts, in bytes.
    pub const fn key_lengths(self) -> &'static [usize] {
        match self {
            Algorithm::Des => &[8],
            Algorithm::Tdes => &[16, 24],
            Algorithm::Aes => &[16, 24, 32],
            Algorithm::Sm4 => &[16],
            Algorithm::Hmac => &[16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32],
        }
    }

    /// Cipher block size in bytes; `None` for HMAC, which has no block cipher.
    pub const fn block_size(self) -> Option<usize> {
        match self {
            Algorithm::Des | Algorithm::Tdes => Some(8),
            Algorithm::Aes | Algorithm::Sm4 => Some(16),
            Algorithm::Hmac => None,
        }
    }

    /// The one-character TR-31 / X9.143 algorithm code (`D`, `T`, `A`, `H`);
    /// `None` for SM4, which the standard does not name.
    pub const fn tr31_code(self) -> Option<char> {
        match self {
            Algorithm::Des => Some('D'),
            Algorithm::Tdes => Some('T'),
            Algorithm::Aes => Some('A'),
            Algorithm::Hmac => Some('H'),
            Algorithm::Sm4 => None,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Algorithm::Des => "DES",
            Algorithm::Tdes => "TDES",
            Algorithm::Aes => "AES",
            Algorithm::Sm4 => "SM4",
            Algorithm::Hmac => "HMAC",
        })
    }
}

impl FromStr for Algorithm {
    type Err = Error;
    /// Accepts the names (`des`, `tdes`, `aes`, `sm4`, any case) and the
    /// TR-31 algorithm codes `D`, `T`, `A`, `H`.
    fn from_str(s: &str) -> Result<Self, Error> {
        Algorithm::ALL
            .into_iter()
            .find(|a| a.name().eq_ignore_ascii_case(s))
            .or(match s {
                "D" => Some(Algorithm::Des),
                "T" | "3des" | "3DES" => Some(Algorithm::Tdes),
                "A" => Some(Algorithm::Aes),
                "H" => Some(Algorithm::Hmac),
                _ => None,
            })
            .ok_or(Error::UnknownAlgorithm)
    }
}

macro_rules! usages {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $name:literal, [$($mode:ident),*], $default:ident; )*) => {
        /// What a key is for, with its TR-31 / X9.143 key usage code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum KeyUsage {
            $( $(#[$doc])* $variant, )*
        }

        impl KeyUsage {
            /// Every usage posguard knows.
            pub const ALL: &'static [KeyUsage] = &[$(KeyUsage::$variant),*];

            /// The two-character TR-31 key usage code, e.g. `P0`.
            pub const fn code(self) -> &'static str {
                match self { $(KeyUsage::$variant => $code,)* }
            }

            /// The short name used across the bindings, e.g. `pin`.
            pub const fn name(self) -> &'static str {
                match self { $(KeyUsage::$variant => $name,)* }
            }

            /// Whether TR-31 allows `mode` for this usage (`N`, no special restriction, always is).
            pub fn allows_mode(self, mode: ModeOfUse) -> bool {
                mode == ModeOfUse::NoRestriction || match self { $(KeyUsage::$variant => [$(ModeOfUse::$mode),*].contains(&mode),)* }
            }

            /// The mode a key of this usage gets when none is given.
            pub const fn default_mode(self) -> ModeOfUse {
                match self { $(KeyUsage::$variant => ModeOfUse::$default,)* }
            }
        }
    };
}

usages! {
    /// B0: base derivation key (DUKPT BDK).
    Bdk = "B0", "bdk", [Derive], Derive;
    /// B1: DUKPT initial key (IPEK / IK).
    DukptInitialKey = "B1", "ipek", [Derive], Derive;
    /// B2: base key variant key.
    BaseKeyVariant = "B2", "base_key_variant", [Derive], Derive;
    /// C0: card verification key (CVV, CVC, iCVV).
    Cvk = "C0", "cvk", [Both, Generate, Verify], Both;
    /// D0: symmetric data encryption key.
    DataEncryption = "D0", "data", [BothEncDec, Decrypt, Encrypt], BothEncDec;
    /// E0: EMV/chip issuer master key: application cryptograms.
    EmvApplicationCryptogram = "E0", "emv_ac", [Derive], Derive;
    /// E1: EMV/chip issuer master key: secure messaging for confidentiality.
    EmvSecureMessagingConfidentiality = "E1", "emv_smc", [Derive], Derive;
    /// E2: EMV/chip issuer master key: secure messaging for integrity.
    EmvSecureMessagingIntegrity = "E2", "emv_smi", [Derive], Derive;
    /// E3: EMV/chip issuer master key: data authentication code.
    EmvDataAuthenticationCode = "E3", "emv_dac", [Derive], Derive;
    /// E4: EMV/chip issuer master key: dynamic numbers.
    EmvDynamicNumbers = "E4", "emv_dn", [Derive], Derive;
    /// E5: EMV/chip issuer master key: card personalisation.
    EmvCardPersonalization = "E5", "emv_perso", [Derive], Derive;
    /// E6: EMV/chip issuer master key: other.
    EmvOther = "E6", "emv_other", [Derive], Derive;
    /// I0: initialisation vector.
    InitializationVector = "I0", "iv", [], NoRestriction;
    /// K0: key encryption or wrapping key (TMK, ZMK).
    KeyEncryption = "K0", "kek", [BothEncDec, Decrypt, Encrypt], BothEncDec;
    /// K1: TR-31 key block protection key.
    KeyBlockProtection = "K1", "kbpk", [BothEncDec, Decrypt, Encrypt], BothEncDec;
    /// M0: ISO 16609 MAC algorithm 1 (TDES); the generic MAC key.
    Mac = "M0", "mac", [Both, Generate, Verify], Both;
    /// M1: ISO 9797-1 MAC algorithm 1.
    MacIso9797_1 = "M1", "mac_iso9797_1", [Both, Generate, Verify], Both;
    /// M2: ISO 9797-1 MAC algorithm 2.
    MacIso9797_2 = "M2", "mac_iso9797_2", [Both, Generate, Verify], Both;
    /// M3: ISO 9797-1 MAC algorithm 3 (ANSI X9.19 retail MAC).
    MacIso9797_3 = "M3", "mac_iso9797_3", [Both, Generate, Verify], Both;
    /// M4: ISO 9797-1 MAC algorithm 4.
    MacIso9797_4 = "M4", "mac_iso9797_4", [Both, Generate, Verify], Both;
    /// M5: ISO 9797-1:1999 MAC algorithm 5.
    MacIso9797_5 = "M5", "mac_iso9797_5", [Both, Generate, Verify], Both;
    /// M6: ISO 9797-1:2011 MAC algorithm 5 (CMAC).
    MacCmac = "M6", "mac_cmac", [Both, Generate, Verify], Both;
    /// M7: HMAC.
    MacHmac = "M7", "mac_hmac", [Both, Generate, Verify], Both;
    /// M8: ISO 9797-1:2011 MAC algorithm 6.
    MacIso9797_6 = "M8", "mac_iso9797_6", [Both, Generate, Verify], Both;
    /// P0: PIN encryption key (TPK, ZPK, PIK).
    PinEncryption = "P0", "pin", [BothEncDec, Decrypt, Encrypt], BothEncDec;
    /// V0: PIN verification key, other algorithm.
    PinVerification = "V0", "pvk", [Both, Generate, Verify], Both;
    /// V1: PIN verification key, IBM 3624.
    PinVerificationIbm3624 = "V1", "pvk_ibm3624", [Both, Generate, Verify], Both;
    /// V2: PIN verification key, Visa PVV.
    PinVerificationVisaPvv = "V2", "pvk_visa_pvv", [Both, Generate, Verify], Both;
}

impl KeyUsage {
    /// True for the MAC usages M0–M8.
    pub fn is_mac(self) -> bool {
        self.code().starts_with('M')
    }

    /// True for the DUKPT derivation keys B0–B2 (BDK, initial key, base key variant).
    pub fn is_derivation(self) -> bool {
        self.code().starts_with('B')
    }
}

impl fmt::Display for KeyUsage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code(), self.name())
    }
}

impl FromStr for KeyUsage {
    type Err = Error;
    /// Accepts the TR-31 code (`P0`) or the name (`pin`), any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        KeyUsage::ALL
            .iter()
            .copied()
            .find(|u| u.code().eq_ignore_ascii_case(s) || u.name().eq_ignore_ascii_case(s))
            .ok_or(Error::UnknownKeyUsage)
    }
}

/// TR-31 mode of use: which operations a key may perform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ModeOfUse {
    /// `B`: encrypt/wrap and decrypt/unwrap.
    BothEncDec,
    /// `C`: generate and verify (MAC, CVV…).
    Both,
    /// `D`: decrypt/unwrap only.
    Decrypt,
    /// `E`: encrypt/wrap only.
    Encrypt,
    /// `G`: generate only.
    Generate,
    /// `N`: no special restrictions beyond the usage.
    NoRestriction,
    /// `V`: verify only.
    Verify,
    /// `X`: derive other keys only.
    Derive,
}

impl ModeOfUse {
    /// Every mode posguard knows.
    pub const ALL: [ModeOfUse; 8] = [
        ModeOfUse::BothEncDec,
        ModeOfUse::Both,
        ModeOfUse::Decrypt,
        ModeOfUse::Encrypt,
        ModeOfUse::Generate,
        ModeOfUse::NoRestriction,
        ModeOfUse::Verify,
        ModeOfUse::Derive,
    ];

    /// The one-character TR-31 code.
    pub const fn code(self) -> char {
        match self {
            ModeOfUse::BothEncDec => 'B',
            ModeOfUse::Both => 'C',
            ModeOfUse::Decrypt => 'D',
            ModeOfUse::Encrypt => 'E',
            ModeOfUse::Generate => 'G',
            ModeOfUse::NoRestriction => 'N',
            ModeOfUse::Verify => 'V',
            ModeOfUse::Derive => 'X',
        }
    }

    /// Modes that allow encrypting (or wrapping).
    pub(crate) const ENCRYPT: &'static [ModeOfUse] =
        &[ModeOfUse::BothEncDec, ModeOfUse::Encrypt, ModeOfUse::NoRestriction];
    /// Modes that allow decrypting (or unwrapping).
    pub(crate) const DECRYPT: &'static [ModeOfUse] =
        &[ModeOfUse::BothEncDec, ModeOfUse::Decrypt, ModeOfUse::NoRestriction];
}

impl fmt::Display for ModeOfUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code())
    }
}

impl FromStr for ModeOfUse {
    type Err = Error;
    /// Accepts the one-character TR-31 code, any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => ModeOfUse::ALL
                .into_iter()
                .find(|m| m.code() == c.to_ascii_uppercase())
                .ok_or(Error::InvalidModeOfUse("unknown mode of use code")),
            _ => Err(Error::InvalidModeOfUse("mode of use is one character")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_codes_and_names_round_trip() {
        for &u in KeyUsage::ALL {
            assert_eq!(u.code().parse::<KeyUsage>().unwrap(), u);
            assert_eq!(u.name().parse::<KeyUsage>().unwrap(), u);
            assert!(u.allows_mode(u.default_mode()));
        }
        assert_eq!("p0".parse::<KeyUsage>().unwrap(), KeyUsage::PinEncryption);
        assert_eq!("Z9".parse::<KeyUsage>(), Err(Error::UnknownKeyUsage));
        assert_eq!("".parse::<KeyUsage>(), Err(Error::UnknownKeyUsage));
    }

    #[test]
    fn algorithm_names() {
        for a in Algorithm::ALL {
            assert_eq!(a.name().parse::<Algorithm>().unwrap(), a);
        }
        assert_eq!("T".parse::<Algorithm>().unwrap(), Algorithm::Tdes);
        assert!("rsa".parse::<Algorithm>().is_err());
    }

    #[test]
    fn modes_round_trip() {
        for m in ModeOfUse::ALL {
            let mut buf = [0u8; 4];
            assert_eq!(m.code().encode_utf8(&mut buf).parse::<ModeOfUse>().unwrap(), m);
        }
        assert!("Q".parse::<ModeOfUse>().is_err());
        assert!("BB".parse::<ModeOfUse>().is_err());
    }
}
