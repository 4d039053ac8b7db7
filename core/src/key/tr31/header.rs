//! The key block header (TR-31:2018 A.5 / ANSI X9.143:2021 6.3): a total
//! parser over the whole block that allocates nothing. It checks the fixed
//! header, walks the optional blocks (regular and extended lengths, the PB
//! padding block), and checks that the rest is hex of the right shape.

use super::{Exportability, Version};
use crate::error::{Error, Result};
use crate::key::{Algorithm, KeyUsage, ModeOfUse};

/// Length of the fixed part of the header.
pub(super) const FIXED_LEN: usize = 16;
/// Largest encrypted key data posguard accepts, in bytes (a 32-byte key, its
/// length field, obfuscation padding and slack for lenient producers).
pub(super) const MAX_PAYLOAD: usize = 96;

/// What the parser learned, as positions into the block.
#[derive(Debug, Clone, Copy)]
pub(super) struct Raw {
    pub version: Version,
    pub usage: KeyUsage,
    pub algorithm: Algorithm,
    pub mode: ModeOfUse,
    pub exportability: Exportability,
    /// Length of the header including optional blocks (= offset of the encrypted key data).
    pub header_len: usize,
    /// Data range of the KC and KP optional blocks, when present.
    pub kc: Option<(usize, usize)>,
    pub kp: Option<(usize, usize)>,
    /// Length of the encrypted key data in bytes.
    pub payload_len: usize,
}

/// One optional block found by the parser: its id and data range in the block.
#[derive(Debug, Clone, Copy)]
pub(super) struct BlockSpan {
    pub id: [u8; 2],
    pub data: (usize, usize),
}

pub(super) fn malformed(offset: usize, reason: &'static str) -> Error {
    Error::MalformedKeyBlock { offset, reason }
}

fn digits(b: &[u8], at: usize, n: usize, reason: &'static str) -> Result<usize> {
    let mut v = 0usize;
    for i in at..at + n {
        match b.get(i) {
            Some(c @ b'0'..=b'9') => v = v * 10 + usize::from(c - b'0'),
            _ => return Err(malformed(i, reason)),
        }
    }
    Ok(v)
}

/// Hex digit values by character: 0-15 for `0-9A-F`, 16 + value for `a-f`
/// (refused in strict mode), 0xFF for anything else. A table, because unwrap
/// reads every character of the block through it.
const HEX_VALUES: [u8; 256] = {
    let mut t = [0xFF; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'A' as usize + i] = 10 + i as u8;
        t[b'a' as usize + i] = 16 + 10 + i as u8;
        i += 1;
    }
    t
};

pub(super) fn hex_value(c: u8, strict: bool) -> Option<u8> {
    match HEX_VALUES[usize::from(c)] {
        v @ 0..=15 => Some(v),
        v @ 16..=31 if !strict => Some(v - 16),
        _ => None,
    }
}

fn hex_number(b: &[u8], at: usize, n: usize, strict: bool, reason: &'static str) -> Result<usize> {
    let mut v = 0usize;
    for i in at..at + n {
        match b.get(i).and_then(|&c| hex_value(c, strict)) {
            Some(d) => v = (v << 4) | usize::from(d),
            None => return Err(malformed(i, reason)),
        }
    }
    Ok(v)
}

/// Decodes `2 * out.len()` hex characters of `b` starting at `at` into `out`.
pub(super) fn decode_hex(b: &[u8], at: usize, out: &mut [u8], strict: bool) -> Result<()> {
    let digits = b.get(at..at + 2 * out.len()).ok_or_else(|| malformed(b.len(), "hex data truncated"))?;
    for (k, (o, pair)) in out.iter_mut().zip(digits.chunks_exact(2)).enumerate() {
        let i = at + 2 * k;
        let hi = hex_value(pair[0], strict).ok_or_else(|| malformed(i, "not a hex digit"))?;
        let lo = hex_value(pair[1], strict).ok_or_else(|| malformed(i + 1, "not a hex digit"))?;
        *o = (hi << 4) | lo;
    }
    Ok(())
}

fn usage_from_code(code: &[u8]) -> Result<KeyUsage> {
    KeyUsage::ALL.iter().copied().find(|u| u.code().as_bytes() == code).ok_or(Error::UnknownKeyUsage)
}

pub(super) fn algorithm_from_code(c: u8) -> Result<Algorithm> {
    match c {
        b'T' => Ok(Algorithm::Tdes),
        b'A' => Ok(Algorithm::Aes),
        b'D' => Ok(Algorithm::Des),
        b'H' => Ok(Algorithm::Hmac),
        // R (RSA), E (elliptic curve), S (DSA) and anything else.
        _ => Err(Error::UnknownAlgorithm),
    }
}

fn mode_from_code(c: u8) -> Result<ModeOfUse> {
    ModeOfUse::ALL
        .into_iter()
        .find(|m| u32::from(m.code()) == u32::from(c))
        .ok_or(Error::InvalidModeOfUse("unknown or unsupported mode of use code"))
}

/// Parses and checks the whole key block structure (not its cryptography).
/// `visit` sees each optional block, in order.
pub(super) fn parse(block: &str, strict: bool, mut visit: impl FnMut(BlockSpan)) -> Result<Raw> {
    let b = block.as_bytes();
    // Everything before the first non-ASCII byte is one byte per character, so the
    // byte offset of that byte is also its character offset.
    // The check runs without an early exit (branch-free, vectorised); the offset is
    // looked for only when it fails.
    if !b.iter().fold(true, |ok, &c| ok & (0x20..=0x7E).contains(&c)) {
        let i = b.iter().position(|&c| !(0x20..=0x7E).contains(&c)).unwrap_or(0);
        return Err(malformed(i, "not a printable ASCII character"));
    }
    if b.len() < FIXED_LEN {
        return Err(malformed(b.len(), "key block shorter than the 16-character header"));
    }
    let version = Version::from_code(b[0]).ok_or_else(|| malformed(0, "unknown key block version"))?;
    let length = digits(b, 1, 4, "key block length is not 4 decimal digits")?;
    if length != b.len() {
        return Err(malformed(1, "key block length field does not match the key block length"));
    }
    let usage = usage_from_code(&b[5..7])?;
    let algorithm = algorithm_from_code(b[7])?;
    let mode = mode_from_code(b[8])?;
    if !usage.allows_mode(mode) {
        return Err(Error::InvalidModeOfUse("mode of use not allowed for the key usage"));
    }
    check_key_version(&b[9..11], strict).map_err(|k| malformed(9 + k, "invalid key version number"))?;
    let exportability = Exportability::from_code(b[11]).ok_or_else(|| malformed(11, "unknown exportability"))?;
    let blocks = digits(b, 12, 2, "number of optional blocks is not 2 decimal digits")?;
    if strict {
        if !matches!(b[14], b'0'..=b'2') {
            return Err(malformed(14, "reserved field must be 00"));
        }
        if b[15] != b'0' {
            return Err(malformed(15, "reserved field must be 00"));
        }
    }

    let mut raw = Raw {
        version,
        usage,
        algorithm,
        mode,
        exportability,
        header_len: FIXED_LEN,
        kc: None,
        kp: None,
        payload_len: 0,
    };
    let bs = version.block_size();
    let mut seen = [[0u8; 2]; 99];
    let mut at = FIXED_LEN;
    for n in 0..blocks {
        let start = at;
        if at + 4 > b.len() {
            return Err(malformed(at, "optional block truncated"));
        }
        let id = [b[at], b[at + 1]];
        if strict && !id.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
            return Err(malformed(at, "optional block id must be 2 upper-case letters or digits"));
        }
        if strict && seen[..n].contains(&id) {
            return Err(malformed(at, "duplicate optional block id"));
        }
        seen[n] = id;
        let mut len = hex_number(b, at + 2, 2, strict, "optional block length is not 2 hex digits")?;
        let mut data_start = at + 4;
        if len == 0 {
            // Extended length: "00", the number of bytes of the length (2 hex digits), then the length.
            let ll = hex_number(b, at + 4, 2, strict, "extended optional block length is not hex")?;
            if ll == 0 || ll > 2 {
                return Err(malformed(at + 4, "extended optional block length of length must be 01 or 02"));
            }
            len = hex_number(b, at + 6, 2 * ll, strict, "extended optional block length is not hex")?;
            data_start = at + 6 + 2 * ll;
        }
        if len < data_start - at {
            return Err(malformed(at + 2, "optional block length shorter than its own fields"));
        }
        let end = at + len;
        if end > b.len() {
            return Err(malformed(at + 2, "optional block runs past the end of the key block"));
        }
        let span = BlockSpan { id, data: (data_start, end) };
        match &id {
            b"KC" => raw.kc = Some(span.data),
            b"KP" => raw.kp = Some(span.data),
            b"PB" if strict && n + 1 != blocks => {
                return Err(malformed(start, "padding block PB must be the last optional block"));
            }
            _ => {}
        }
        visit(span);
        at = end;
    }
    raw.header_len = at;
    if version != Version::E && !at.is_multiple_of(bs) {
        return Err(malformed(at, "header length is not a multiple of the cipher block size"));
    }

    // The encrypted key data and the MAC: hex, whole bytes, whole cipher blocks.
    let limit = if strict { 16 } else { 32 };
    let tail = b.get(at..).unwrap_or_default();
    if !tail.iter().fold(true, |ok, &c| ok & (HEX_VALUES[usize::from(c)] < limit)) {
        let i = at + tail.iter().position(|&c| HEX_VALUES[usize::from(c)] >= limit).unwrap_or(0);
        return Err(malformed(i, if strict { "not an upper-case hex digit" } else { "not a hex digit" }));
    }
    let mac_chars = 2 * version.mac_len();
    let rest = b.len() - at;
    if rest <= mac_chars {
        return Err(malformed(b.len(), "key block too short for encrypted key data and MAC"));
    }
    let payload_chars = rest - mac_chars;
    let payload_len = payload_chars / 2;
    let min = if version == Version::E { 3 } else { bs };
    let whole_blocks = version == Version::E || payload_len.is_multiple_of(bs);
    if !payload_chars.is_multiple_of(2) || !whole_blocks || payload_len < min {
        return Err(malformed(at, "encrypted key data is not a whole number of cipher blocks"));
    }
    if payload_len > MAX_PAYLOAD {
        return Err(malformed(at, "encrypted key data too long"));
    }
    raw.payload_len = payload_len;
    Ok(raw)
}

/// Checks a key version number field; the error is the offending character's index.
fn check_key_version(kv: &[u8], strict: bool) -> core::result::Result<(), usize> {
    if !strict {
        return Ok(()); // printable ASCII already checked
    }
    match kv {
        [b'c', d] if d.is_ascii_digit() => Ok(()),
        _ => match kv.iter().position(|c| !c.is_ascii_alphanumeric()) {
            Some(k) => Err(k),
            None => Ok(()),
        },
    }
}

/// Whether a key version string is one the wrap side may write.
pub(super) fn valid_key_version(kv: &str) -> bool {
    kv.len() == 2 && check_key_version(kv.as_bytes(), true).is_ok()
}
