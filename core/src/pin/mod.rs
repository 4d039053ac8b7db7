//! ISO 9564-1 PIN blocks (formats 0, 1, 2, 3, 4) and the China UnionPay SM4
//! block: encode and decode the clear block, encrypt and decrypt under a PIN
//! key, translate between keys and formats, and check a PIN against a policy.
//!
//! Everything here works on the stack: no allocation per PIN block.
//!
//! For format 4, the "clear block" is the 16-byte plaintext PIN field; the PAN
//! enters only during encipherment (ISO 9564-1:2017, 9.4.2).

mod format;
mod policy;

use core::fmt;

use rand_core::TryCryptoRng;

pub use format::PinFormat;
pub use policy::{PinPolicy, WeakPinReason, check_policy, check_policy_with};

use crate::error::{Error, Result};
use crate::key::{Key, KeyUsage, ModeOfUse};
use crate::secret::SecretBytes;

/// A clear PIN: 4 to 12 decimal digits, wiped on drop, redacted in `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Pin(SecretBytes<12>);

impl Pin {
    /// Validates and copies a PIN of 4 to 12 ASCII digits.
    pub fn new(pin: &str) -> Result<Self> {
        let bytes = pin.as_bytes();
        if !(4..=12).contains(&bytes.len()) {
            return Err(Error::InvalidPin("a PIN has 4 to 12 digits"));
        }
        if !bytes.iter().all(u8::is_ascii_digit) {
            return Err(Error::InvalidPin("a PIN has decimal digits only"));
        }
        Ok(Pin(SecretBytes::from_slice(bytes)?))
    }

    /// The PIN digits. Every call site is a place a clear PIN leaves its box.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        core::str::from_utf8(self.0.expose()).unwrap_or_default()
    }

    /// Number of digits.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: a PIN has at least 4 digits.
    pub fn is_empty(&self) -> bool {
        false
    }

    fn digits(&self) -> impl Iterator<Item = u8> + '_ {
        self.0.expose().iter().map(|d| d - b'0')
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(<redacted>)")
    }
}

/// A clear PIN block (8 or 16 bytes): secret, wiped on drop.
pub type ClearPinBlock = SecretBytes<16>;

/// An encrypted PIN block (8 or 16 bytes). Not secret in itself.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PinBlock {
    bytes: [u8; 16],
    len: usize,
}

impl PinBlock {
    /// The encrypted block.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

impl fmt::Debug for PinBlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PinBlock(")?;
        self.as_bytes().iter().try_for_each(|b| write!(f, "{b:02X}"))?;
        f.write_str(")")
    }
}

/// Nibble buffer for building a field: 32 nibbles, packed into up to 16 bytes.
struct Nibbles([u8; 32]);

impl Nibbles {
    fn pack(&self, out: &mut [u8]) {
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = (self.0[2 * i] << 4) | self.0[2 * i + 1];
        }
    }

    fn unpack(bytes: &[u8]) -> Self {
        let mut n = [0u8; 32];
        for (i, b) in bytes.iter().take(16).enumerate() {
            n[2 * i] = b >> 4;
            n[2 * i + 1] = b & 0x0F;
        }
        Nibbles(n)
    }
}

impl Drop for Nibbles {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

/// A uniformly random nibble in `lo..=15`.
fn random_nibble<R: TryCryptoRng + ?Sized>(rng: &mut R, lo: u8) -> Result<u8> {
    let span = u32::from(16 - lo);
    let limit = u32::MAX - u32::MAX % span;
    loop {
        let r = rng.try_next_u32().map_err(|_| Error::Rng)?;
        if r < limit {
            return Ok(lo + (r % span) as u8);
        }
    }
}

/// Writes the plaintext PIN field of `format` into `out` (block_len bytes).
fn pin_field<R: TryCryptoRng + ?Sized>(pin: &Pin, format: PinFormat, rng: &mut R, out: &mut [u8]) -> Result<()> {
    let (control, nibbles) = match format {
        PinFormat::Iso0 | PinFormat::Sm4 => (0, 2 * format.block_len()),
        PinFormat::Iso1 => (1, 16),
        PinFormat::Iso2 => (2, 16),
        PinFormat::Iso3 => (3, 16),
        PinFormat::Iso4 => (4, 16),
    };
    let mut n = Nibbles([0; 32]);
    n.0[0] = control;
    n.0[1] = pin.len() as u8;
    for (slot, d) in n.0[2..].iter_mut().zip(pin.digits()) {
        *slot = d;
    }
    for slot in &mut n.0[2 + pin.len()..nibbles] {
        *slot = match format {
            PinFormat::Iso1 => random_nibble(rng, 0)?,
            PinFormat::Iso3 => random_nibble(rng, 0xA)?,
            PinFormat::Iso4 => 0xA,
            _ => 0xF,
        };
    }
    n.pack(&mut out[..nibbles / 2]);
    if format == PinFormat::Iso4 {
        // ISO 9564-1 format 4: the second half of the PIN field is random.
        rng.try_fill_bytes(&mut out[8..16]).map_err(|_| Error::Rng)?;
    }
    Ok(())
}

/// Parses a plaintext PIN field, checking every fixed nibble.
fn parse_pin_field(field: &[u8], format: PinFormat) -> Result<Pin> {
    let n = Nibbles::unpack(field);
    let control = format.number().unwrap_or(0);
    if n.0[0] != control {
        return Err(Error::InvalidPinBlock("control field does not match the format"));
    }
    let len = usize::from(n.0[1]);
    if !(4..=12).contains(&len) {
        return Err(Error::InvalidPinBlock("PIN length field out of range"));
    }
    let mut digits = [0u8; 12];
    for (d, &nib) in digits.iter_mut().zip(&n.0[2..2 + len]) {
        if nib > 9 {
            digits.fill(0);
            return Err(Error::InvalidPinBlock("PIN digit is not decimal"));
        }
        *d = b'0' + nib;
    }
    let fill_end = match format {
        PinFormat::Iso4 => 16,
        _ => 2 * format.block_len(),
    };
    let fill_ok = n.0[2 + len..fill_end].iter().all(|&nib| match format {
        PinFormat::Iso1 => true,
        PinFormat::Iso3 => nib >= 0xA,
        PinFormat::Iso4 => nib == 0xA,
        _ => nib == 0xF,
    });
    let pin = SecretBytes::from_slice(&digits[..len]);
    digits.fill(0);
    if !fill_ok {
        return Err(Error::InvalidPinBlock("fill digits do not match the format"));
    }
    Ok(Pin(pin?))
}

/// Checks a PAN's characters and length for `format`; returns its digits.
fn check_pan(pan: Option<&str>, format: PinFormat) -> Result<&[u8]> {
    let pan = pan.ok_or(Error::InvalidPan("this PIN block format needs the PAN"))?.as_bytes();
    if !pan.iter().all(u8::is_ascii_digit) {
        return Err(Error::InvalidPan("a PAN has decimal digits only"));
    }
    let range = if format == PinFormat::Iso4 { 1..=19 } else { 13..=19 };
    if !range.contains(&pan.len()) {
        return Err(Error::InvalidPan(if format == PinFormat::Iso4 {
            "format 4 takes a PAN of 1 to 19 digits"
        } else {
            "this format takes a PAN of 13 to 19 digits"
        }));
    }
    Ok(pan)
}

/// Writes the PAN field of a PAN-bound format into `out` (block_len bytes).
fn pan_field(pan: &[u8], format: PinFormat, out: &mut [u8]) {
    let mut n = Nibbles([0; 32]);
    let total = 2 * format.block_len();
    if format == PinFormat::Iso4 {
        // Length indicator (PAN length - 12, 0 below 12), then the PAN
        // right-justified in 12 digits when shorter, then zero padding.
        let indicator = pan.len().saturating_sub(12);
        n.0[0] = indicator as u8;
        let start = 1 + 12usize.saturating_sub(pan.len());
        for (slot, d) in n.0[start..].iter_mut().zip(pan) {
            *slot = d - b'0';
        }
    } else {
        // The 12 rightmost digits excluding the check digit, right-justified.
        let body = &pan[pan.len() - 13..pan.len() - 1];
        for (slot, d) in n.0[total - 12..total].iter_mut().zip(body) {
            *slot = d - b'0';
        }
    }
    n.pack(&mut out[..total / 2]);
}

fn xor(dst: &mut [u8], src: &[u8]) {
    dst.iter_mut().zip(src).for_each(|(d, s)| *d ^= s);
}

/// Encodes the clear PIN block (format 4: the clear PIN field).
///
/// `pan` is required by formats 0, 3 and SM4 and ignored by formats 1, 2 and 4.
/// Formats 1, 3 and 4 draw their fill from `rng`: pass the platform CSPRNG
/// (e.g. `getrandom::SysRng`); a failing RNG is [`Error::Rng`].
pub fn encode<R: TryCryptoRng + ?Sized>(
    pin: &str,
    pan: Option<&str>,
    format: PinFormat,
    rng: &mut R,
) -> Result<ClearPinBlock> {
    let pin = Pin::new(pin)?;
    encode_pin(&pin, pan, format, rng)
}

fn encode_pin<R: TryCryptoRng + ?Sized>(
    pin: &Pin,
    pan: Option<&str>,
    format: PinFormat,
    rng: &mut R,
) -> Result<ClearPinBlock> {
    let xor_pan = format.binds_pan() && format != PinFormat::Iso4;
    let pan = if xor_pan { Some(check_pan(pan, format)?) } else { None };
    let mut block = ClearPinBlock::zeroed(format.block_len());
    pin_field(pin, format, rng, block.expose_mut())?;
    if let Some(pan) = pan {
        let mut pf = [0u8; 16];
        pan_field(pan, format, &mut pf);
        xor(block.expose_mut(), &pf);
    }
    Ok(block)
}

/// Decodes a clear PIN block (format 4: the clear PIN field) back to the PIN,
/// checking every fixed field.
pub fn decode(block: &[u8], pan: Option<&str>, format: PinFormat) -> Result<Pin> {
    if block.len() != format.block_len() {
        return Err(Error::InvalidPinBlock("block length does not match the format"));
    }
    if format.binds_pan() && format != PinFormat::Iso4 {
        let pan = check_pan(pan, format)?;
        let mut field = ClearPinBlock::from_slice(block)?;
        let mut pf = [0u8; 16];
        pan_field(pan, format, &mut pf);
        xor(field.expose_mut(), &pf);
        parse_pin_field(field.expose(), format)
    } else {
        parse_pin_field(block, format)
    }
}

fn check_key(key: &Key, format: PinFormat, modes: &[ModeOfUse], operation: &'static str) -> Result<()> {
    key.require(KeyUsage::PinEncryption, modes, operation)?;
    if key.algorithm() != format.algorithm() {
        let needed = match format.algorithm() {
            crate::Algorithm::Aes => "AES",
            crate::Algorithm::Sm4 => "SM4",
            _ => "TDES",
        };
        return Err(Error::KeyAlgorithm { needed, actual: key.algorithm(), operation });
    }
    Ok(())
}

/// Encrypts a PIN into a PIN block of `format` under a PIN encryption key.
///
/// The key must have usage `P0` with a mode that allows encryption and the
/// algorithm the format needs (TDES for 0–3, AES for 4, SM4 for the SM4 block).
pub fn encrypt<R: TryCryptoRng + ?Sized>(
    pin: &str,
    pan: Option<&str>,
    key: &Key,
    format: PinFormat,
    rng: &mut R,
) -> Result<PinBlock> {
    check_key(key, format, ModeOfUse::ENCRYPT, "encrypt PIN blocks")?;
    let pin = Pin::new(pin)?;
    encrypt_pin(&pin, pan, key, format, rng)
}

fn encrypt_pin<R: TryCryptoRng + ?Sized>(
    pin: &Pin,
    pan: Option<&str>,
    key: &Key,
    format: PinFormat,
    rng: &mut R,
) -> Result<PinBlock> {
    let pan_digits = if format == PinFormat::Iso4 { Some(check_pan(pan, format)?) } else { None };
    let clear = encode_pin(pin, pan, format, rng)?;
    let len = format.block_len();
    let mut out = PinBlock { bytes: [0; 16], len };
    out.bytes[..len].copy_from_slice(clear.expose());
    let c = key.cipher()?;
    match pan_digits {
        Some(pan) => {
            // ISO 9564-1 format 4: C = E(K, E(K, P) XOR A).
            let mut a = [0u8; 16];
            pan_field(pan, format, &mut a);
            c.encrypt_block(&mut out.bytes)?;
            xor(&mut out.bytes, &a);
            c.encrypt_block(&mut out.bytes)?;
        }
        None => c.encrypt_block(&mut out.bytes[..len])?,
    }
    Ok(out)
}

/// Decrypts a PIN block of `format` and returns the PIN, checking every field.
pub fn decrypt(block: &[u8], pan: Option<&str>, key: &Key, format: PinFormat) -> Result<Pin> {
    check_key(key, format, ModeOfUse::DECRYPT, "decrypt PIN blocks")?;
    if block.len() != format.block_len() {
        return Err(Error::InvalidPinBlock("block length does not match the format"));
    }
    let mut clear = ClearPinBlock::from_slice(block)?;
    let c = key.cipher()?;
    if format == PinFormat::Iso4 {
        let pan = check_pan(pan, format)?;
        let mut a = [0u8; 16];
        pan_field(pan, format, &mut a);
        c.decrypt_block(clear.expose_mut())?;
        xor(clear.expose_mut(), &a);
        c.decrypt_block(clear.expose_mut())?;
    } else {
        c.decrypt_block(clear.expose_mut())?;
    }
    decode(clear.expose(), pan, format)
}

/// Translates an encrypted PIN block from one key and format to another.
///
/// The ISO 9564-1 / PCI PIN rules apply: a PAN-bound block (formats 0, 3, 4,
/// SM4) never becomes format 1 or 2, and the PAN never changes (one `pan` is
/// used on both sides). The clear PIN exists only on the stack and is wiped.
pub fn translate<R: TryCryptoRng + ?Sized>(
    block: &[u8],
    pan: Option<&str>,
    from_key: &Key,
    from_format: PinFormat,
    to_key: &Key,
    to_format: PinFormat,
    rng: &mut R,
) -> Result<PinBlock> {
    if !from_format.may_translate_to(to_format) {
        return Err(Error::ForbiddenTranslation { from: from_format, to: to_format });
    }
    check_key(to_key, to_format, ModeOfUse::ENCRYPT, "encrypt PIN blocks")?;
    let pin = decrypt(block, pan, from_key, from_format)?;
    encrypt_pin(&pin, pan, to_key, to_format, rng)
}

#[cfg(test)]
mod tests;
