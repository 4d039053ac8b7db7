//! TR-31 / ANSI X9.143 / ISO 20038 key blocks: how keys travel to and between
//! terminals and HSMs with their attributes bound to them.
//!
//! A key block is a printable header (version, length, key usage, algorithm,
//! mode of use, key version, exportability, optional blocks), the encrypted
//! key data and a MAC over both, all protected by a key block protection key
//! (KBPK). [`unwrap`] returns a [`Key`] whose usage, algorithm and mode come
//! from the authenticated header; [`wrap`] writes one; [`inspect`] reads the
//! header without the KBPK.
//!
//! | version | KBPK | binding | MAC | source |
//! |---|---|---|---|---|
//! | A (legacy, unwrap only, opt-in) | TDES | variant | 4-byte CBC-MAC | TR-31:2005 |
//! | B | TDES | CMAC derivation, CBC | 8-byte CMAC | TR-31:2018 5.3.2.1, X9.143 |
//! | C | TDES | variant | 4-byte CBC-MAC | TR-31:2018 5.3.1, X9.143 |
//! | D | AES | CMAC derivation, CBC | 16-byte CMAC | TR-31:2018 5.3.2.3, X9.143 |
//! | E | AES | CMAC derivation, CTR | 16-byte CMAC | ISO 20038:2017 |
//!
//! The KBPK has usage K1 (or K0) and a mode that allows unwrapping
//! (decrypting) or wrapping (encrypting). It must be at least as strong as
//! the key it protects (X9.143 / X9.24-1: 2-key TDES 80 bits, 3-key TDES 112,
//! AES by key length, HMAC by key length).

mod binding;
mod header;
#[cfg(test)]
mod tests;

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write};
use core::str::FromStr;

use rand_core::TryCryptoRng;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use self::header::{FIXED_LEN, MAX_PAYLOAD, decode_hex, malformed};
use crate::error::{Error, Result};
use crate::key::{Algorithm, CheckValueMethod, Key, KeyUsage, ModeOfUse};

/// Key block version: which binding method protects the block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Version {
    /// `A`: TDES key variant binding, TR-31:2005. Deprecated; unwrap only, through
    /// [`UnwrapOptions::allow_version_a`].
    A,
    /// `B`: TDES key derivation binding (TR-31:2018, X9.143).
    B,
    /// `C`: TDES key variant binding, TR-31:2010 (same cryptography as A).
    C,
    /// `D`: AES key derivation binding, CBC (TR-31:2018, X9.143). The default.
    D,
    /// `E`: AES key derivation binding, CTR (ISO 20038:2017).
    E,
}

impl Version {
    /// The version character of the header.
    pub const fn code(self) -> char {
        match self {
            Version::A => 'A',
            Version::B => 'B',
            Version::C => 'C',
            Version::D => 'D',
            Version::E => 'E',
        }
    }

    /// Lower-case name across the bindings (`a` … `e`).
    pub const fn name(self) -> &'static str {
        match self {
            Version::A => "a",
            Version::B => "b",
            Version::C => "c",
            Version::D => "d",
            Version::E => "e",
        }
    }

    fn from_code(c: u8) -> Option<Self> {
        match c {
            b'A' => Some(Version::A),
            b'B' => Some(Version::B),
            b'C' => Some(Version::C),
            b'D' => Some(Version::D),
            b'E' => Some(Version::E),
            _ => None,
        }
    }

    /// The KBPK algorithm the version needs.
    pub const fn kbpk_algorithm(self) -> Algorithm {
        match self {
            Version::A | Version::B | Version::C => Algorithm::Tdes,
            Version::D | Version::E => Algorithm::Aes,
        }
    }

    const fn block_size(self) -> usize {
        match self {
            Version::A | Version::B | Version::C => 8,
            Version::D | Version::E => 16,
        }
    }

    const fn mac_len(self) -> usize {
        match self {
            Version::A | Version::C => 4,
            Version::B => 8,
            Version::D | Version::E => 16,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char(self.code())
    }
}

impl FromStr for Version {
    type Err = Error;
    /// Accepts the version letter in either case (`D`, `d`).
    fn from_str(s: &str) -> Result<Self> {
        match s.as_bytes() {
            [c] => Version::from_code(c.to_ascii_uppercase()),
            _ => None,
        }
        .ok_or(Error::InvalidArgument("key block version must be one of A, B, C, D, E"))
    }
}

/// Whether and how the key may be exported (wrapped again) by its receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Exportability {
    /// `E`: exportable under a trusted key.
    Exportable,
    /// `N`: not exportable.
    NonExportable,
    /// `S`: sensitive; exportable under an untrusted key in the way the standard restricts.
    Sensitive,
}

impl Exportability {
    /// The header character (`E`, `N`, `S`).
    pub const fn code(self) -> char {
        match self {
            Exportability::Exportable => 'E',
            Exportability::NonExportable => 'N',
            Exportability::Sensitive => 'S',
        }
    }

    /// Lower-case name across the bindings: `exportable`, `non_exportable`, `sensitive`.
    pub const fn name(self) -> &'static str {
        match self {
            Exportability::Exportable => "exportable",
            Exportability::NonExportable => "non_exportable",
            Exportability::Sensitive => "sensitive",
        }
    }

    fn from_code(c: u8) -> Option<Self> {
        match c {
            b'E' => Some(Exportability::Exportable),
            b'N' => Some(Exportability::NonExportable),
            b'S' => Some(Exportability::Sensitive),
            _ => None,
        }
    }
}

impl fmt::Display for Exportability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char(self.code())
    }
}

impl FromStr for Exportability {
    type Err = Error;
    /// Accepts the code (`E`, `N`, `S`, either case) or the name.
    fn from_str(s: &str) -> Result<Self> {
        if let [c] = s.as_bytes()
            && let Some(e) = Exportability::from_code(c.to_ascii_uppercase())
        {
            return Ok(e);
        }
        [Exportability::Exportable, Exportability::NonExportable, Exportability::Sensitive]
            .into_iter()
            .find(|e| e.name().eq_ignore_ascii_case(s))
            .ok_or(Error::InvalidArgument("exportability must be E, N or S"))
    }
}

/// An optional header block: a two-character id and its printable data.
///
/// Known ids: `KS` key set identifier (TDES DUKPT initial KSN), `IK` AES DUKPT
/// initial key id, `KC` / `KP` check value of the key / of the KBPK, `TS`
/// time stamp, `PB` padding (added by [`wrap`] itself), and any other id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OptionalBlock {
    /// Two characters, e.g. `KS`.
    pub id: String,
    /// The block's data (printable ASCII).
    pub data: String,
}

impl OptionalBlock {
    /// Any optional block.
    pub fn new(id: &str, data: &str) -> Self {
        Self { id: id.into(), data: data.into() }
    }

    /// `KS`: the key set identifier, e.g. a TDES DUKPT initial KSN, as upper-case hex.
    pub fn key_set_id(ksn: &[u8]) -> Self {
        Self::new("KS", &hex_upper(ksn))
    }

    /// `IK`: the AES DUKPT initial key identifier, as upper-case hex.
    pub fn initial_key_id(id: &[u8]) -> Self {
        Self::new("IK", &hex_upper(id))
    }

    /// `TS`: a time stamp (ISO 8601, e.g. `20200818221218Z`); posguard has no clock.
    pub fn time_stamp(ts: &str) -> Self {
        Self::new("TS", ts)
    }

    /// `KC`: the check value of the wrapped key, computed by [`wrap`]
    /// (`00` + 3-byte zero-block KCV for TDES, `01` + 5-byte CMAC KCV for AES).
    pub fn key_check_value() -> Self {
        Self::new("KC", "")
    }

    /// `KP`: the check value of the KBPK, computed by [`wrap`].
    pub fn kbpk_check_value() -> Self {
        Self::new("KP", "")
    }
}

/// A parsed key block header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Binding method.
    pub version: Version,
    /// Length of the whole key block in characters.
    pub length: usize,
    /// What the key is for.
    pub usage: KeyUsage,
    /// The key's algorithm.
    pub algorithm: Algorithm,
    /// The key's mode of use.
    pub mode: ModeOfUse,
    /// Two-character key version number (`00` when unused, `c1` for component 1).
    pub key_version: String,
    /// Exportability of the key.
    pub exportability: Exportability,
    /// Optional blocks, in order (including `PB`).
    pub optional_blocks: Vec<OptionalBlock>,
}

/// How [`unwrap`] validates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnwrapOptions {
    /// Strict ANSI X9.143 validation (default `true`): upper-case hex, key
    /// length obfuscation present and consistent, key version alphanumeric,
    /// reserved field, optional block ids upper-case and unique, PB last (its
    /// size is not checked: X9.143 only asks that the header end on a block
    /// boundary, and some producers pad with a whole extra block), KC/KP check
    /// values matching, HMAC usage/algorithm agreeing.
    /// `false` accepts what real HSMs emit (no obfuscation, lower-case hex…);
    /// the cryptography, lengths and policy checks are the same either way.
    pub strict: bool,
    /// Accept deprecated version A blocks (default `false`).
    pub allow_version_a: bool,
}

impl Default for UnwrapOptions {
    fn default() -> Self {
        Self { strict: true, allow_version_a: false }
    }
}

impl UnwrapOptions {
    /// Lenient validation for real-world HSM output.
    pub fn lenient() -> Self {
        Self { strict: false, ..Self::default() }
    }
}

/// What [`wrap`] writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrapOptions {
    /// Key block version (default `D`). `A` is never written.
    pub version: Version,
    /// Two-character key version number (default `00`: unused).
    pub key_version: String,
    /// Exportability written in the header (default `N`, non-exportable: the
    /// receiver may not wrap the key again unless the sender says so).
    pub exportability: Exportability,
    /// Optional blocks, in order; `PB` is added when needed and may not be given.
    pub optional_blocks: Vec<OptionalBlock>,
    /// Pad the key data to the longest key of its algorithm (24 bytes for
    /// TDES, 32 for AES and HMAC) so the block does not reveal the key length
    /// (default `true`, as X9.143 expects).
    pub mask_key_length: bool,
}

impl Default for WrapOptions {
    fn default() -> Self {
        Self {
            version: Version::D,
            key_version: "00".into(),
            exportability: Exportability::NonExportable,
            optional_blocks: Vec::new(),
            mask_key_length: true,
        }
    }
}

fn hex_upper(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        // Writing to a String cannot fail.
        let _ = write!(s, "{b:02X}");
    }
    s
}

/// Security strength in bits (NIST SP 800-57: 2-key TDES 80, 3-key TDES 112).
fn strength(algorithm: Algorithm, len: usize) -> usize {
    match (algorithm, len) {
        (Algorithm::Des, _) => 56,
        (Algorithm::Tdes, 16) => 80,
        (Algorithm::Tdes, _) => 112,
        (_, len) => (len * 8).min(256),
    }
}

/// The longest key of an algorithm: the length key length obfuscation pads to.
fn max_key_len(algorithm: Algorithm) -> usize {
    algorithm.key_lengths().iter().copied().max().unwrap_or(32)
}

/// Checks the KBPK's usage, mode, algorithm against the version.
fn check_kbpk(kbpk: &Key, version: Version, modes: &[ModeOfUse], operation: &'static str) -> Result<()> {
    if !matches!(kbpk.usage(), KeyUsage::KeyBlockProtection | KeyUsage::KeyEncryption) || !modes.contains(&kbpk.mode())
    {
        return Err(Error::KeyUsage { usage: kbpk.usage(), mode: kbpk.mode(), operation });
    }
    if kbpk.algorithm() != version.kbpk_algorithm() {
        return Err(Error::KeyBlockPolicy(match version {
            Version::D | Version::E => "versions D and E need an AES KBPK",
            _ => "versions A, B and C need a TDES KBPK",
        }));
    }
    Ok(())
}

fn check_strength(kbpk: &Key, algorithm: Algorithm, len: usize) -> Result<()> {
    if strength(kbpk.algorithm(), kbpk.len()) < strength(algorithm, len) {
        return Err(Error::KeyBlockPolicy("the KBPK is weaker than the key it protects"));
    }
    Ok(())
}

/// The KC/KP data posguard writes and checks: `00` + 3-byte zero-block KCV,
/// or for AES `01` + 5-byte CMAC KCV (X9.143 optional blocks KC and KP).
fn check_value_block(key: &Key) -> Result<String> {
    let (method, code, len) = match key.algorithm() {
        Algorithm::Aes => (CheckValueMethod::Cmac, "01", 5),
        _ => (CheckValueMethod::ZeroBlock, "00", 3),
    };
    let kcv = key.check_value_with(method, len)?;
    let mut s = String::from(code);
    s.push_str(&kcv.to_hex());
    Ok(s)
}

/// Verifies a KC/KP block's data against `key` (strict mode).
fn verify_check_value_block(b: &[u8], (start, end): (usize, usize), key: &Key) -> Result<()> {
    let method = match b.get(start..start + 2) {
        Some(b"00") => CheckValueMethod::ZeroBlock,
        Some(b"01") => CheckValueMethod::Cmac,
        _ => return Err(malformed(start, "unknown check value algorithm in KC/KP block")),
    };
    let hex_len = end.saturating_sub(start + 2);
    let block = key.algorithm().block_size().unwrap_or(0);
    if hex_len == 0 || !hex_len.is_multiple_of(2) || hex_len / 2 > block {
        return Err(malformed(start + 2, "check value in KC/KP block has a bad length"));
    }
    let mut expected = [0u8; 16];
    let expected = &mut expected[..hex_len / 2];
    decode_hex(b, start + 2, expected, true)?;
    key.verify_check_value(method, expected)
        .map_err(|_| Error::KeyBlockPolicy("a KC or KP check value contradicts the key"))
}

/// Reads a key block's header without the KBPK (for tooling and logs). The
/// header rules are the lenient ones; the rest of the block must have the
/// right shape (hex, whole cipher blocks, MAC length) for the version.
pub fn inspect(block: &str) -> Result<Header> {
    let mut optional_blocks = Vec::new();
    let b = block.as_bytes();
    let raw = header::parse(block, false, |span| {
        let data = b.get(span.data.0..span.data.1).unwrap_or_default();
        optional_blocks.push(OptionalBlock {
            id: String::from_utf8_lossy(&span.id).into_owned(),
            data: String::from_utf8_lossy(data).into_owned(),
        });
    })?;
    Ok(Header {
        version: raw.version,
        length: b.len(),
        usage: raw.usage,
        algorithm: raw.algorithm,
        mode: raw.mode,
        key_version: String::from_utf8_lossy(b.get(9..11).unwrap_or_default()).into_owned(),
        exportability: raw.exportability,
        optional_blocks,
    })
}

/// Unwraps a key block with `kbpk`: checks the header, the KBPK's fitness for
/// the version and the key, the MAC (constant time; a failure is
/// [`Error::KeyBlockIntegrity`] and says nothing more), and returns the key
/// with the header's algorithm, usage and mode of use.
pub fn unwrap(kbpk: &Key, block: &str, options: &UnwrapOptions) -> Result<Key> {
    let strict = options.strict;
    let raw = header::parse(block, strict, |_| {})?;
    let version = raw.version;
    if version == Version::A && !options.allow_version_a {
        return Err(Error::KeyBlockPolicy("version A key blocks need the legacy option"));
    }
    check_kbpk(kbpk, version, ModeOfUse::DECRYPT, "unwrap a key block")?;
    if strict && ((raw.algorithm == Algorithm::Hmac) != (raw.usage == KeyUsage::MacHmac)) {
        return Err(Error::KeyBlockPolicy("HMAC keys have usage M7 and M7 keys are HMAC keys"));
    }

    let b = block.as_bytes();
    let (h, n) = (raw.header_len, raw.payload_len);
    let mut payload = Zeroizing::new([0u8; MAX_PAYLOAD]);
    let payload = &mut payload[..n];
    decode_hex(b, h, payload, strict)?;
    let mut mac = [0u8; 16];
    let mac_len = version.mac_len();
    decode_hex(b, h + 2 * n, &mut mac[..mac_len], strict)?;
    let header = &b[..h];

    let keys = binding::block_keys(version, kbpk, true)?;
    let mut computed = Zeroizing::new([0u8; 16]);
    let ok = match version {
        Version::A | Version::C => {
            binding::mac(version, &keys, header, payload, &mut computed)?;
            let ok = computed[..mac_len].ct_eq(&mac[..mac_len]);
            binding::cbc_decrypt(&keys.enc, &header[..8], payload)?;
            ok
        }
        Version::B | Version::D => {
            binding::cbc_decrypt(&keys.enc, &mac[..version.block_size()], payload)?;
            binding::mac(version, &keys, header, payload, &mut computed)?;
            computed[..mac_len].ct_eq(&mac[..mac_len])
        }
        Version::E => {
            binding::ctr(&keys.enc, &mac, payload)?;
            binding::mac(version, &keys, header, payload, &mut computed)?;
            computed[..mac_len].ct_eq(&mac[..mac_len])
        }
    };
    if !bool::from(ok) {
        return Err(Error::KeyBlockIntegrity);
    }

    // Authenticated from here on: the key length field, the key, the padding.
    let bits = usize::from(u16::from_be_bytes([payload[0], payload[1]]));
    let len = bits / 8;
    if bits % 8 != 0 || len + 2 > n {
        return Err(malformed(h, "key length field in the key data is invalid"));
    }
    if !raw.algorithm.key_lengths().contains(&len) {
        return Err(Error::KeyBlockPolicy("key length contradicts the header's algorithm"));
    }
    if strict {
        let masked = 2 + max_key_len(raw.algorithm);
        if n < masked || n >= masked + version.block_size() {
            return Err(malformed(h, "key length is not obfuscated to the algorithm's longest key"));
        }
    }
    check_strength(kbpk, raw.algorithm, len)?;
    let key = Key::with_mode(raw.algorithm, raw.usage, raw.mode, &payload[2..2 + len])?;
    if strict {
        if let Some(kc) = raw.kc {
            verify_check_value_block(b, kc, &key)?;
        }
        if let Some(kp) = raw.kp {
            verify_check_value_block(b, kp, kbpk)?;
        }
    }
    Ok(key)
}

fn is_printable(s: &str) -> bool {
    s.bytes().all(|c| (0x20..=0x7E).contains(&c))
}

/// Appends one optional block (regular or extended length form).
fn push_block(out: &mut String, id: &str, data: &str) -> Result<()> {
    let len = 4 + data.len();
    if len <= 0xFF {
        let _ = write!(out, "{id}{len:02X}{data}");
    } else if len + 6 <= 0xFFFF {
        let _ = write!(out, "{id}0002{:04X}{data}", len + 6);
    } else {
        return Err(Error::InvalidArgument("optional block data too long"));
    }
    Ok(())
}

/// Wraps `key` under `kbpk` into a key block of `options.version` (B, C, D or
/// E). The padding comes from `rng`: pass the platform CSPRNG.
pub fn wrap<R: TryCryptoRng + ?Sized>(kbpk: &Key, key: &Key, options: &WrapOptions, rng: &mut R) -> Result<String> {
    let version = options.version;
    if version == Version::A {
        return Err(Error::KeyBlockPolicy("version A is deprecated and never written"));
    }
    check_kbpk(kbpk, version, ModeOfUse::ENCRYPT, "wrap a key block")?;
    let alg_code = key.algorithm().tr31_code().ok_or(Error::KeyAlgorithm {
        needed: "TDES, AES, DES or HMAC",
        actual: key.algorithm(),
        operation: "be carried in a TR-31 key block",
    })?;
    check_strength(kbpk, key.algorithm(), key.len())?;
    if !header::valid_key_version(&options.key_version) {
        return Err(Error::InvalidArgument("key version must be 2 alphanumeric characters or c and a digit"));
    }

    // Optional blocks, then PB to a cipher block boundary (not needed for E's CTR mode).
    let mut blocks = String::new();
    let mut count = 0usize;
    for (i, ob) in options.optional_blocks.iter().enumerate() {
        let id_ok = ob.id.len() == 2 && ob.id.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !id_ok || ob.id == "PB" {
            return Err(Error::InvalidArgument("optional block id must be 2 upper-case letters or digits, not PB"));
        }
        if options.optional_blocks[..i].iter().any(|o| o.id == ob.id) {
            return Err(Error::InvalidArgument("duplicate optional block id"));
        }
        if !is_printable(&ob.data) {
            return Err(Error::InvalidArgument("optional block data must be printable ASCII"));
        }
        let data = match (ob.id.as_str(), ob.data.is_empty()) {
            ("KC", true) => check_value_block(key)?,
            ("KP", true) => check_value_block(kbpk)?,
            _ => ob.data.clone(),
        };
        push_block(&mut blocks, &ob.id, &data)?;
        count += 1;
    }
    let bs = version.block_size();
    if version != Version::E && !(FIXED_LEN + blocks.len()).is_multiple_of(bs) {
        let mut pb = bs - (FIXED_LEN + blocks.len()) % bs;
        if pb < 4 {
            pb += bs;
        }
        blocks.push_str("PB");
        let _ = write!(blocks, "{pb:02X}");
        blocks.extend(core::iter::repeat_n('0', pb - 4));
        count += 1;
    }
    if count > 99 {
        return Err(Error::InvalidArgument("at most 99 optional blocks"));
    }

    // Key data: bit length, key, random padding (key length obfuscation, then to a block boundary).
    let len = key.len();
    let target = if options.mask_key_length { len.max(max_key_len(key.algorithm())) } else { len };
    let n = match version {
        Version::E => 2 + target,
        _ => (2 + target).div_ceil(bs) * bs,
    };
    let mut payload = Zeroizing::new([0u8; MAX_PAYLOAD]);
    let payload = &mut payload[..n];
    payload[..2].copy_from_slice(&((len * 8) as u16).to_be_bytes());
    payload[2..2 + len].copy_from_slice(key.material());
    rng.try_fill_bytes(&mut payload[2 + len..]).map_err(|_| Error::Rng)?;

    let total = FIXED_LEN + blocks.len() + 2 * n + 2 * version.mac_len();
    if total > 9999 {
        return Err(Error::InvalidArgument("key block would be longer than 9999 characters"));
    }
    let mut out = String::with_capacity(total);
    let _ = write!(
        out,
        "{}{total:04}{}{alg_code}{}{}{}{count:02}00{blocks}",
        version.code(),
        key.usage().code(),
        key.mode().code(),
        options.key_version,
        options.exportability.code(),
    );
    if !key.usage().allows_mode(key.mode()) {
        return Err(Error::InvalidModeOfUse("mode of use not allowed for the key usage"));
    }

    let keys = binding::block_keys(version, kbpk, false)?;
    let mut mac = Zeroizing::new([0u8; 16]);
    let header = out.as_bytes();
    match version {
        Version::A | Version::C => {
            binding::cbc_encrypt(&keys.enc, &header[..8], payload)?;
            binding::mac(version, &keys, header, payload, &mut mac)?;
        }
        Version::B | Version::D => {
            binding::mac(version, &keys, header, payload, &mut mac)?;
            binding::cbc_encrypt(&keys.enc, &mac[..bs], payload)?;
        }
        Version::E => {
            binding::mac(version, &keys, header, payload, &mut mac)?;
            binding::ctr(&keys.enc, &mac, payload)?;
        }
    }
    for byte in payload.iter().chain(&mac[..version.mac_len()]) {
        let _ = write!(out, "{byte:02X}");
    }
    Ok(out)
}
