//! Message authentication codes: ISO/IEC 9797-1 algorithms 1 and 3 (ANSI X9.19
//! retail MAC), CMAC, HMAC-SHA256 and the China UnionPay POS MAC.
//!
//! Every variant is a named [`MacAlgorithm`], so a host's "security
//! authentication failed" (response code A0) can be traced to one explicit
//! choice of algorithm, key and [`Padding`] rather than to a library default.
//!
//! ```
//! use posguard::{Key, Algorithm, KeyUsage, mac::{self, MacAlgorithm, Padding}};
//! # fn main() -> Result<(), posguard::Error> {
//! let material = [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF,
//!                 0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10];
//! let mak = Key::new(Algorithm::Tdes, KeyUsage::MacIso9797_3, &material)?;
//! let tag = mac::generate(&mak, b"Now is the time for all ", MacAlgorithm::Iso9797_3, Padding::Method1, None)?;
//! assert_eq!(tag.as_bytes(), [0xA1, 0xC7, 0x2E, 0x74, 0xEA, 0x3F, 0xA9, 0xB6]);
//! mac::verify(&mak, b"Now is the time for all ", tag.as_bytes(), MacAlgorithm::Iso9797_3, Padding::Method1)?;
//! # Ok(()) }
//! ```
//!
//! # Key usage
//!
//! Only MAC keys (usages M0–M8) compute MACs. A specific usage must name the
//! algorithm: `M1` for [`MacAlgorithm::Iso9797_1`], `M3` for
//! [`MacAlgorithm::Iso9797_3`], `M6` for [`MacAlgorithm::Cmac`], `M7` for
//! [`MacAlgorithm::HmacSha256`]; `M0`, the generic MAC key, is accepted by
//! every algorithm (it is also what UnionPay MAKs are, having no code of their
//! own). `M2`, `M4`, `M5` and `M8` name algorithms posguard does not implement
//! and are refused. Generating needs mode of use `C`, `G` or `N`; verifying
//! needs `C`, `V` or `N`.
//!
//! No MAC path allocates: the state and the result ([`MacValue`]) live on the stack.

mod blocks;
mod hmac;
mod iso9797;
mod padding;
mod unionpay;

use core::fmt;
use core::str::FromStr;

use subtle::ConstantTimeEq;
use zeroize::Zeroize;

pub use padding::Padding;

use crate::cipher::BlockCipher;
use crate::error::{Error, Result};
use crate::key::{Algorithm, Key, KeyUsage, ModeOfUse};

/// A MAC algorithm. Each is its own variant so that no two can be confused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MacAlgorithm {
    /// ISO/IEC 9797-1 MAC algorithm 1: CBC-MAC with zero IV, no output
    /// transformation. DES (FIPS 113 / ANSI X9.9), TDES (ISO 16609), AES or SM4 keys.
    /// Padding methods 1, 2, 3; MAC length 4 to the block size (default: the block size).
    /// Like every CBC-MAC it is forgeable for variable-length messages under padding
    /// method 1 or 2; padding method 3 (length prefix) avoids that.
    Iso9797_1,
    /// ISO/IEC 9797-1 MAC algorithm 3, the ANSI X9.19 retail MAC: single-DES
    /// CBC-MAC under K, then `e_K(d_K'(H))` on the last block. Double-length
    /// (16-byte) TDES keys only: the standard defines two keys, and a 3-key TDES
    /// key has no agreed mapping. Padding methods 1, 2, 3; MAC length 4 to 8 (default 8).
    Iso9797_3,
    /// CMAC (NIST SP 800-38B; ISO/IEC 9797-1:2011 algorithm 5) with a TDES, AES or
    /// SM4 key. Its own padding: only the default [`Padding`] is accepted.
    /// MAC length 4 to the block size (default: the block size).
    Cmac,
    /// HMAC (RFC 2104) with SHA-256, `Algorithm::Hmac` keys only. MAC length 10
    /// to 32 (default 32; 10 bytes is RFC 2104 section 5's 80-bit floor).
    HmacSha256,
    /// China UnionPay POS MAC ("ECB" algorithm) with a DES or TDES MAK: XOR fold
    /// of 8-byte blocks, hex expansion, two encryptions; the MAC is the first 8
    /// upper-case hex characters as ASCII bytes, what goes into ISO 8583 field 64.
    ///
    /// **Weak**: the XOR fold is linear, so reordering or swapping blocks, or
    /// changing two blocks by the same XOR difference, leaves the MAC unchanged.
    /// Use it only because a host requires it. MAC length in characters 8 to 16
    /// (default 8).
    UnionPayEcb,
    /// The SM4 form of [`MacAlgorithm::UnionPayEcb`] (China UnionPay national-crypto
    /// terminals): 16-byte blocks, 32 hex characters, SM4 in place of DES. The MAC
    /// is the first 8 hex characters as ASCII bytes (default), as in the DES form
    /// and the 8-byte field 64; some acquirer SDKs send the first 16 characters
    /// (the first 8 bytes of the ciphertext, in hex): ask for `length` 16.
    /// MAC length in characters 8 to 32. Same XOR-fold weakness as the DES form.
    UnionPayEcbSm4,
}

impl MacAlgorithm {
    /// Every MAC algorithm.
    pub const ALL: [MacAlgorithm; 6] = [
        MacAlgorithm::Iso9797_1,
        MacAlgorithm::Iso9797_3,
        MacAlgorithm::Cmac,
        MacAlgorithm::HmacSha256,
        MacAlgorithm::UnionPayEcb,
        MacAlgorithm::UnionPayEcbSm4,
    ];

    /// Name used across the bindings: `iso9797_1`, `iso9797_3`, `cmac`,
    /// `hmac_sha256`, `unionpay_ecb`, `unionpay_ecb_sm4`.
    pub const fn name(self) -> &'static str {
        match self {
            MacAlgorithm::Iso9797_1 => "iso9797_1",
            MacAlgorithm::Iso9797_3 => "iso9797_3",
            MacAlgorithm::Cmac => "cmac",
            MacAlgorithm::HmacSha256 => "hmac_sha256",
            MacAlgorithm::UnionPayEcb => "unionpay_ecb",
            MacAlgorithm::UnionPayEcbSm4 => "unionpay_ecb_sm4",
        }
    }

    /// Whether the algorithm takes an ISO/IEC 9797-1 padding method (only algorithms 1 and 3).
    pub const fn takes_padding(self) -> bool {
        matches!(self, MacAlgorithm::Iso9797_1 | MacAlgorithm::Iso9797_3)
    }

    /// The specific TR-31 MAC key usage for this algorithm, besides the generic `M0`.
    const fn specific_usage(self) -> Option<KeyUsage> {
        match self {
            MacAlgorithm::Iso9797_1 => Some(KeyUsage::MacIso9797_1),
            MacAlgorithm::Iso9797_3 => Some(KeyUsage::MacIso9797_3),
            MacAlgorithm::Cmac => Some(KeyUsage::MacCmac),
            MacAlgorithm::HmacSha256 => Some(KeyUsage::MacHmac),
            MacAlgorithm::UnionPayEcb | MacAlgorithm::UnionPayEcbSm4 => None,
        }
    }

    /// The key algorithms (and a description for errors) the MAC algorithm accepts.
    const fn key_algorithms(self) -> (&'static [Algorithm], &'static str) {
        match self {
            MacAlgorithm::Iso9797_1 => {
                (&[Algorithm::Des, Algorithm::Tdes, Algorithm::Aes, Algorithm::Sm4], "DES, TDES, AES or SM4")
            }
            MacAlgorithm::Iso9797_3 => (&[Algorithm::Tdes], "double-length (2-key) TDES"),
            MacAlgorithm::Cmac => (&[Algorithm::Tdes, Algorithm::Aes, Algorithm::Sm4], "TDES, AES or SM4"),
            MacAlgorithm::HmacSha256 => (&[Algorithm::Hmac], "HMAC"),
            MacAlgorithm::UnionPayEcb => (&[Algorithm::Des, Algorithm::Tdes], "DES or TDES"),
            MacAlgorithm::UnionPayEcbSm4 => (&[Algorithm::Sm4], "SM4"),
        }
    }

    /// The (default, minimum, maximum) MAC length in bytes for a key of block size `block`
    /// (for the UnionPay MACs: in hex characters).
    const fn lengths(self, block: usize) -> (usize, usize, usize) {
        match self {
            MacAlgorithm::Iso9797_1 | MacAlgorithm::Cmac => (block, 4, block),
            MacAlgorithm::Iso9797_3 => (8, 4, 8),
            MacAlgorithm::HmacSha256 => (hmac::HMAC_SHA256_LEN, 10, hmac::HMAC_SHA256_LEN),
            MacAlgorithm::UnionPayEcb | MacAlgorithm::UnionPayEcbSm4 => (8, 8, 2 * block),
        }
    }
}

impl fmt::Display for MacAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for MacAlgorithm {
    type Err = Error;
    /// Accepts the names (`iso9797_1` …, any case, `-` for `_`) and the aliases
    /// `retail`, `x9.19`, `ansi_x9.19` (algorithm 3), `cbc_mac` (algorithm 1),
    /// `hmac` (HMAC-SHA256), `unionpay` (the DES form) and `unionpay_sm4`.
    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim();
        let eq = |name: &str| {
            s.len() == name.len()
                && s.bytes().zip(name.bytes()).all(|(a, b)| {
                    let a = if a == b'-' { b'_' } else { a.to_ascii_lowercase() };
                    a == b
                })
        };
        if let Some(a) = MacAlgorithm::ALL.into_iter().find(|a| eq(a.name())) {
            return Ok(a);
        }
        let aliases = [
            ("retail", MacAlgorithm::Iso9797_3),
            ("retail_mac", MacAlgorithm::Iso9797_3),
            ("x9.19", MacAlgorithm::Iso9797_3),
            ("ansi_x9.19", MacAlgorithm::Iso9797_3),
            ("cbc_mac", MacAlgorithm::Iso9797_1),
            ("hmac", MacAlgorithm::HmacSha256),
            ("unionpay", MacAlgorithm::UnionPayEcb),
            ("unionpay_sm4", MacAlgorithm::UnionPayEcbSm4),
        ];
        aliases.into_iter().find(|(n, _)| eq(n)).map(|(_, a)| a).ok_or(Error::InvalidArgument("unknown MAC algorithm"))
    }
}

/// Largest MAC posguard produces: HMAC-SHA256's 32 bytes, or 32 UnionPay SM4 hex characters.
pub const MAX_MAC_LEN: usize = 32;

/// A computed MAC: up to [`MAX_MAC_LEN`] bytes on the stack. MACs are not
/// secret; equality is nevertheless constant-time.
#[derive(Clone, Copy)]
pub struct MacValue {
    bytes: [u8; MAX_MAC_LEN],
    len: usize,
}

impl MacValue {
    fn new(full: &[u8], len: usize) -> Self {
        let mut bytes = [0u8; MAX_MAC_LEN];
        let len = len.min(full.len()).min(MAX_MAC_LEN);
        bytes[..len].copy_from_slice(&full[..len]);
        Self { bytes, len }
    }

    /// The MAC bytes (for the UnionPay MACs: the ASCII hex characters).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Always false: a MAC has at least 4 bytes.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Upper-case hex of the MAC bytes.
    pub fn to_hex(&self) -> alloc::string::String {
        use core::fmt::Write;
        let mut s = alloc::string::String::with_capacity(2 * self.len);
        for b in self.as_bytes() {
            let _ = write!(s, "{b:02X}");
        }
        s
    }
}

impl AsRef<[u8]> for MacValue {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl PartialEq for MacValue {
    /// Constant-time in the contents.
    fn eq(&self, other: &Self) -> bool {
        bool::from(self.as_bytes().ct_eq(other.as_bytes()))
    }
}

impl Eq for MacValue {}

impl fmt::Debug for MacValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MacValue({})", self.to_hex())
    }
}

/// Modes of use that allow generating a MAC.
const GENERATE: &[ModeOfUse] = &[ModeOfUse::Both, ModeOfUse::Generate, ModeOfUse::NoRestriction];
/// Modes of use that allow verifying a MAC.
const VERIFY: &[ModeOfUse] = &[ModeOfUse::Both, ModeOfUse::Verify, ModeOfUse::NoRestriction];

// The states live on the stack by design (no heap in MAC paths); the CBC state holds two DES schedules.
#[allow(clippy::large_enum_variant)]
enum State {
    Cbc(iso9797::CbcMac),
    Cmac(BlockCipher, crate::cipher::Cmac),
    Hmac(hmac::HmacState),
    UnionPay(unionpay::UnionPayState),
}

/// A streaming MAC computation, for messages that arrive in pieces:
/// [`Mac::update`] as often as needed, then [`Mac::finalize`] or [`Mac::verify`].
/// Gives the same result as [`generate`] / [`verify`] over the concatenation.
///
/// ISO/IEC 9797-1 padding method 3 starts with the message length, so it needs
/// [`Mac::with_message_len`].
pub struct Mac {
    state: State,
    algorithm: MacAlgorithm,
    usage: KeyUsage,
    mode: ModeOfUse,
    /// Requested output length; `None` means the default (generate) or the given MAC's length (verify).
    length: Option<usize>,
    default_len: usize,
    min_len: usize,
    max_len: usize,
}

impl fmt::Debug for Mac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mac").field("algorithm", &self.algorithm).finish_non_exhaustive()
    }
}

/// Splits a double-length TDES key into single-DES K and K' for ISO 9797-1 algorithm 3.
fn retail_keys(key: &Key) -> Result<(BlockCipher, BlockCipher)> {
    match key.material().as_chunks::<8>() {
        ([k1, k2], []) => Ok((BlockCipher::new(Algorithm::Des, k1)?, BlockCipher::new(Algorithm::Des, k2)?)),
        _ => Err(Error::KeyAlgorithm {
            needed: "double-length (2-key) TDES",
            actual: key.algorithm(),
            operation: "compute an ISO 9797-1 algorithm 3 (retail) MAC",
        }),
    }
}

/// Checks that `key` may compute `algorithm` with `padding` and `length`;
/// returns the (default, minimum, maximum) MAC length.
fn check(key: &Key, algorithm: MacAlgorithm, padding: Padding, length: Option<usize>) -> Result<(usize, usize, usize)> {
    let usage = key.usage();
    let mode = key.mode();
    let usage_fits = usage == KeyUsage::Mac || algorithm.specific_usage() == Some(usage);
    let mode_fits = GENERATE.contains(&mode) || VERIFY.contains(&mode);
    if !usage_fits || !mode_fits {
        return Err(Error::KeyUsage { usage, mode, operation: "compute this MAC algorithm" });
    }
    let (algorithms, needed) = algorithm.key_algorithms();
    let key_fits = algorithms.contains(&key.algorithm()) && (algorithm != MacAlgorithm::Iso9797_3 || key.len() == 16);
    if !key_fits {
        return Err(Error::KeyAlgorithm { needed, actual: key.algorithm(), operation: algorithm.name() });
    }
    if !algorithm.takes_padding() && padding != Padding::default() {
        return Err(Error::InvalidArgument("only iso9797_1 and iso9797_3 take a padding method"));
    }
    let lengths @ (_, min_len, max_len) = algorithm.lengths(key.algorithm().block_size().unwrap_or(0));
    if length.is_some_and(|n| n < min_len || n > max_len) {
        return Err(Error::InvalidLength("MAC length out of range for the algorithm"));
    }
    Ok(lengths)
}

impl Mac {
    /// Starts a MAC with `key`. `length` is the MAC length in bytes (for the
    /// UnionPay MACs: hex characters); `None` is the algorithm's default.
    ///
    /// Fails on a key that may not MAC with `algorithm` (usage, mode of use or
    /// key algorithm), a padding method the algorithm does not take, a length out
    /// of range, and on padding method 3 (use [`Mac::with_message_len`]).
    pub fn new(key: &Key, algorithm: MacAlgorithm, padding: Padding, length: Option<usize>) -> Result<Self> {
        Self::start(key, algorithm, padding, length, None)
    }

    /// As [`Mac::new`], declaring the total message length up front (required by
    /// padding method 3; allowed for every algorithm). Finalizing after feeding a
    /// different number of bytes fails with [`Error::InvalidLength`].
    pub fn with_message_len(
        key: &Key,
        algorithm: MacAlgorithm,
        padding: Padding,
        length: Option<usize>,
        message_len: u64,
    ) -> Result<Self> {
        Self::start(key, algorithm, padding, length, Some(message_len))
    }

    fn start(
        key: &Key,
        algorithm: MacAlgorithm,
        padding: Padding,
        length: Option<usize>,
        message_len: Option<u64>,
    ) -> Result<Self> {
        let (default_len, min_len, max_len) = check(key, algorithm, padding, length)?;
        let block = key.algorithm().block_size().unwrap_or(0);
        let state = match algorithm {
            MacAlgorithm::Iso9797_1 => {
                State::Cbc(iso9797::CbcMac::new(key.cipher()?.clone(), None, block, padding, message_len)?)
            }
            MacAlgorithm::Iso9797_3 => {
                let (k1, k2) = retail_keys(key)?;
                State::Cbc(iso9797::CbcMac::new(k1, Some(k2), 8, padding, message_len)?)
            }
            MacAlgorithm::Cmac => {
                let cipher = key.cipher()?.clone();
                let mac = crate::cipher::Cmac::new(&cipher);
                State::Cmac(cipher, mac)
            }
            MacAlgorithm::HmacSha256 => State::Hmac(hmac::HmacState::new(key.material())),
            MacAlgorithm::UnionPayEcb | MacAlgorithm::UnionPayEcbSm4 => {
                State::UnionPay(unionpay::UnionPayState::new(key.cipher()?.clone(), block))
            }
        };
        Ok(Self { state, algorithm, usage: key.usage(), mode: key.mode(), length, default_len, min_len, max_len })
    }

    /// Feeds more of the message.
    pub fn update(&mut self, data: &[u8]) {
        match &mut self.state {
            State::Cbc(s) => s.update(data),
            State::Cmac(cipher, s) => s.update(cipher, data),
            State::Hmac(s) => s.update(data),
            State::UnionPay(s) => s.update(data),
        }
    }

    /// The algorithm's full output (before truncation), and its length.
    fn full(self) -> Result<([u8; MAX_MAC_LEN], usize)> {
        let mut out = [0u8; MAX_MAC_LEN];
        let n = match self.state {
            State::Cbc(s) => {
                out[..16].copy_from_slice(&s.finalize()?);
                16
            }
            State::Cmac(cipher, s) => {
                out[..16].copy_from_slice(&s.finalize(&cipher));
                16
            }
            State::Hmac(s) => {
                out.copy_from_slice(&s.finalize());
                32
            }
            State::UnionPay(s) => {
                out.copy_from_slice(&s.finalize()?);
                32
            }
        };
        Ok((out, n))
    }

    /// The MAC, truncated to the requested length (leftmost bytes).
    /// Needs a key whose mode of use allows generating (`C`, `G`, `N`).
    pub fn finalize(self) -> Result<MacValue> {
        if !GENERATE.contains(&self.mode) {
            return Err(Error::KeyUsage { usage: self.usage, mode: self.mode, operation: "generate a MAC" });
        }
        let len = self.length.unwrap_or(self.default_len);
        let (mut full, _) = self.full()?;
        let value = MacValue::new(&full, len);
        full.zeroize();
        Ok(value)
    }

    /// Checks `mac` against the message fed, in constant time. Its length is the
    /// MAC length (it must be the one given at creation, if one was). Needs a key
    /// whose mode of use allows verifying (`C`, `V`, `N`). A wrong MAC gives
    /// [`Error::MacMismatch`] and nothing else; a MAC whose length the algorithm
    /// cannot produce gives [`Error::InvalidLength`].
    pub fn verify(self, mac: &[u8]) -> Result<()> {
        if !VERIFY.contains(&self.mode) {
            return Err(Error::KeyUsage { usage: self.usage, mode: self.mode, operation: "verify a MAC" });
        }
        if mac.len() < self.min_len || mac.len() > self.max_len {
            return Err(Error::InvalidLength("MAC length out of range for the algorithm"));
        }
        let length_fits = self.length.is_none_or(|n| n == mac.len());
        let (mut full, _) = self.full()?;
        let equal = full[..mac.len()].ct_eq(mac);
        full.zeroize();
        if bool::from(equal) && length_fits { Ok(()) } else { Err(Error::MacMismatch) }
    }
}

/// Computes the MAC of `data` in one call. `padding` applies to
/// [`MacAlgorithm::Iso9797_1`] and [`MacAlgorithm::Iso9797_3`] only (others
/// accept just the default, method 1); `length` is in bytes (UnionPay: hex
/// characters), `None` for the algorithm's default. See [`MacAlgorithm`] for the
/// ranges and [the module docs](self) for the key usages.
pub fn generate(
    key: &Key,
    data: &[u8],
    algorithm: MacAlgorithm,
    padding: Padding,
    length: Option<usize>,
) -> Result<MacValue> {
    if algorithm == MacAlgorithm::Cmac {
        // One call straight into RustCrypto CMAC over the key's expanded cipher.
        let (default_len, ..) = check(key, algorithm, padding, length)?;
        if !GENERATE.contains(&key.mode()) {
            return Err(Error::KeyUsage { usage: key.usage(), mode: key.mode(), operation: "generate a MAC" });
        }
        let mut out = [0u8; 16];
        let n = key.cipher()?.cmac(data, &mut out);
        return Ok(MacValue::new(&out[..n], length.unwrap_or(default_len)));
    }
    let mut mac = Mac::with_message_len(key, algorithm, padding, length, data.len() as u64)?;
    mac.update(data);
    mac.finalize()
}

/// Verifies `mac` over `data` in constant time; the MAC length is `mac.len()`.
/// A wrong MAC gives [`Error::MacMismatch`] (an integrity error) and never the
/// expected value.
pub fn verify(key: &Key, data: &[u8], mac: &[u8], algorithm: MacAlgorithm, padding: Padding) -> Result<()> {
    let mut m = Mac::with_message_len(key, algorithm, padding, None, data.len() as u64)?;
    m.update(data);
    m.verify(mac)
}

#[cfg(test)]
mod tests;
