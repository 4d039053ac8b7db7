//! AES DUKPT, ANSI X9.24-3:2017.
//!
//! AES DUKPT gives every transaction of a terminal its own keys. A base
//! derivation key (BDK, AES) and an 8-byte *initial key ID* (4-byte BDK ID ||
//! 4-byte derivation ID) give the device's *initial key* (IK); from it, one
//! AES-ECB derivation per one-bit of the 32-bit transaction counter gives the
//! transaction's *intermediate derivation key*, and from that one more
//! derivation gives each working key (PIN, MAC, data, key encryption) of any
//! key type (2/3-key TDEA, AES-128/192/256, HMAC-128/192/256).
//!
//! - Host side: [`derive_initial_key`], [`derive_key`] (BDK → any KSN),
//!   [`derive_working_key`] (IK → any KSN, for device-side or escrow use) and
//!   [`derive_update_key`] (X9.24-3 6.5.3).
//! - Device side: [`Device`], with its 32 intermediate derivation key
//!   registers, the counter advance (at most 16 one-bits), exhaustion, and a
//!   saved state the caller persists ([`Device::save`] / [`Device::restore`]).
//!
//! # Derivation (X9.24-3:2017 6.3)
//!
//! Every key is derived by AES-ECB encrypting 16 bytes of *derivation data*
//! under the derivation key, once per 128 bits of output (the leftmost bits
//! are kept: 24 bytes for AES-192, 3TDEA and HMAC-192):
//!
//! | bytes | field | value |
//! |---|---|---|
//! | 0 | version | `01` |
//! | 1 | key block counter | `01`, `02` for the second block |
//! | 2-3 | key usage indicator | see below |
//! | 4-5 | algorithm indicator | see below |
//! | 6-7 | length of the derived key in bits | `0080`, `00C0`, `0100` |
//! | 8-15 | initial key ID (initial key), or derivation ID (rightmost 4 bytes of the initial key ID) || transaction counter (every other key) | |
//!
//! Key usage indicators (X9.24-3:2017 6.3.2, table 2): `0002` key encryption
//! key, `1000` PIN encryption, `2000` / `2001` / `2002` MAC generation /
//! verification / both, `3000` / `3001` / `3002` data encryption encrypt /
//! decrypt / both, `8000` key derivation, `8001` key derivation of the initial
//! key. Algorithm indicators (table 3): `0000` 2TDEA, `0001` 3TDEA, `0002`
//! AES-128, `0003` AES-192, `0004` AES-256, `0005` HMAC.
//!
//! The intermediate derivation key of a counter is derived from the initial
//! key along the counter's one-bits, most significant first: with the
//! counter's bits set one at a time, each derivation (usage `8000`, the
//! initial key's algorithm and length) uses the counter value built so far
//! (X9.24-3:2017 6.1 and 6.4). A counter may have at most 16 one-bits, so the
//! last one is `FFFF0000`; counter 0 has no working keys.
//!
//! A derived key is never stronger than the key it comes from: an AES-128
//! initial key gives 2TDEA, 3TDEA, AES-128 and HMAC-128 keys only (X9.24-3
//! 6.2). PIN, data and key-encryption keys need a block cipher, so HMAC key
//! types are refused for them.
//!
//! Derived keys carry their usage: PIN → `P0` mode B; MAC generate / verify /
//! both → `M6` (CMAC) for block-cipher types or `M7` (HMAC) for HMAC types,
//! modes G / V / C; data encrypt / decrypt / both → `D0` modes E / D / B;
//! key encryption (and the update key) → `K0` mode B.
//!
//! The usage names the *device's* operation. The host holds the same key for
//! the opposite one, so [`derive_key`] (from the BDK: the host) gives the
//! one-way usages the opposite mode: the device's "MAC generation" key is a
//! verify-only (V) key on the host, its "data encrypt" key a decrypt-only (D)
//! key. [`derive_working_key`] and [`Transaction::key`] (the device's side)
//! give the modes above. The material is the same on both sides.
//!
//! # Performance
//!
//! Derivations work on stack arrays and never allocate. The initial key's AES
//! schedule is the one inside its [`Key`]; each intermediate derivation key is
//! expanded once and used for all of its derivations; a [`Transaction`] keeps
//! its expanded derivation key, so each [`Transaction::key`] costs one or two
//! AES blocks plus the working key's own schedule.

use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::cipher::BlockCipher;
use crate::error::{Error, Result};
use crate::key::{Algorithm, Key, KeyUsage, ModeOfUse};

/// Length of an AES DUKPT key serial number: initial key ID (8) || transaction counter (4, big-endian).
pub const KSN_LEN: usize = 12;

/// Length of the initial key ID: BDK ID (4) || derivation ID (4).
pub const INITIAL_KEY_ID_LEN: usize = 8;

/// The most one-bits a transaction counter may have (X9.24-3:2017 6.1).
pub const MAX_COUNTER_ONE_BITS: u32 = 16;

/// The last valid transaction counter: sixteen one-bits at the top.
pub const LAST_COUNTER: u32 = 0xFFFF_0000;

/// The counter the DUKPT update key is derived at (X9.24-3:2017 6.5.2).
const UPDATE_KEY_COUNTER: u32 = 0xFFFF_FFFF;

/// Number of intermediate derivation key registers of a device: one per counter bit.
const NUM_REGISTERS: usize = 32;

/// Derivation data version (X9.24-3:2017 6.3.2, table 2).
const DERIVATION_DATA_VERSION: u8 = 0x01;

/// Key usage indicators (X9.24-3:2017 6.3.2, table 2).
mod indicator {
    pub(super) const KEY_ENCRYPTION_KEY: u16 = 0x0002;
    pub(super) const PIN_ENCRYPTION: u16 = 0x1000;
    pub(super) const MAC_GENERATION: u16 = 0x2000;
    pub(super) const MAC_VERIFICATION: u16 = 0x2001;
    pub(super) const MAC_BOTH: u16 = 0x2002;
    pub(super) const DATA_ENCRYPT: u16 = 0x3000;
    pub(super) const DATA_DECRYPT: u16 = 0x3001;
    pub(super) const DATA_BOTH: u16 = 0x3002;
    pub(super) const KEY_DERIVATION: u16 = 0x8000;
    pub(super) const KEY_DERIVATION_INITIAL_KEY: u16 = 0x8001;
}

/// Modes an initial key or BDK may carry to be used for derivation.
const DERIVE_MODES: &[ModeOfUse] = &[ModeOfUse::Derive, ModeOfUse::NoRestriction];

/// The type of a derived key: algorithm and length (X9.24-3:2017 6.3.2, table 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// Two-key TDEA (16 bytes).
    Tdes2,
    /// Three-key TDEA (24 bytes).
    Tdes3,
    /// AES-128.
    Aes128,
    /// AES-192.
    Aes192,
    /// AES-256.
    Aes256,
    /// HMAC key of 128 bits (MAC usages only).
    Hmac128,
    /// HMAC key of 192 bits (MAC usages only).
    Hmac192,
    /// HMAC key of 256 bits (MAC usages only).
    Hmac256,
}

impl KeyType {
    /// Every key type, for tables and tests.
    pub const ALL: [KeyType; 8] = [
        KeyType::Tdes2,
        KeyType::Tdes3,
        KeyType::Aes128,
        KeyType::Aes192,
        KeyType::Aes256,
        KeyType::Hmac128,
        KeyType::Hmac192,
        KeyType::Hmac256,
    ];

    /// Lowercase name used across the bindings: `tdes2`, `tdes3`, `aes128`, …, `hmac256`.
    pub const fn name(self) -> &'static str {
        match self {
            KeyType::Tdes2 => "tdes2",
            KeyType::Tdes3 => "tdes3",
            KeyType::Aes128 => "aes128",
            KeyType::Aes192 => "aes192",
            KeyType::Aes256 => "aes256",
            KeyType::Hmac128 => "hmac128",
            KeyType::Hmac192 => "hmac192",
            KeyType::Hmac256 => "hmac256",
        }
    }

    /// Length of a key of this type, in bytes.
    pub const fn key_len(self) -> usize {
        match self {
            KeyType::Tdes2 | KeyType::Aes128 | KeyType::Hmac128 => 16,
            KeyType::Tdes3 | KeyType::Aes192 | KeyType::Hmac192 => 24,
            KeyType::Aes256 | KeyType::Hmac256 => 32,
        }
    }

    /// The algorithm a derived key of this type carries.
    pub const fn algorithm(self) -> Algorithm {
        match self {
            KeyType::Tdes2 | KeyType::Tdes3 => Algorithm::Tdes,
            KeyType::Aes128 | KeyType::Aes192 | KeyType::Aes256 => Algorithm::Aes,
            KeyType::Hmac128 | KeyType::Hmac192 | KeyType::Hmac256 => Algorithm::Hmac,
        }
    }

    /// The AES key type of an AES key of `len` bytes (the derivation key types).
    const fn aes(len: usize) -> Option<KeyType> {
        match len {
            16 => Some(KeyType::Aes128),
            24 => Some(KeyType::Aes192),
            32 => Some(KeyType::Aes256),
            _ => None,
        }
    }

    /// Algorithm indicator (X9.24-3:2017 6.3.2, table 3).
    const fn indicator(self) -> u16 {
        match self {
            KeyType::Tdes2 => 0x0000,
            KeyType::Tdes3 => 0x0001,
            KeyType::Aes128 => 0x0002,
            KeyType::Aes192 => 0x0003,
            KeyType::Aes256 => 0x0004,
            KeyType::Hmac128 | KeyType::Hmac192 | KeyType::Hmac256 => 0x0005,
        }
    }

    /// Security strength in bits (NIST SP 800-57 Part 1: 2TDEA 80, 3TDEA 112).
    const fn strength(self) -> usize {
        match self {
            KeyType::Tdes2 => 80,
            KeyType::Tdes3 => 112,
            _ => self.key_len() * 8,
        }
    }

    const fn is_hmac(self) -> bool {
        matches!(self, KeyType::Hmac128 | KeyType::Hmac192 | KeyType::Hmac256)
    }
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for KeyType {
    type Err = Error;
    /// Accepts the names (`aes128`, `tdes2`, `hmac256`, …), case-insensitively.
    fn from_str(s: &str) -> Result<Self> {
        KeyType::ALL.into_iter().find(|t| t.name().eq_ignore_ascii_case(s)).ok_or(Error::UnknownAlgorithm)
    }
}

/// What a derived working key is for (X9.24-3:2017 6.3.2, table 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Usage {
    /// PIN encryption (`1000`).
    Pin,
    /// MAC generation (`2000`).
    MacGenerate,
    /// MAC verification (`2001`).
    MacVerify,
    /// MAC generation and verification (`2002`).
    MacBoth,
    /// Data encryption, encrypt only (`3000`).
    DataEncrypt,
    /// Data encryption, decrypt only (`3001`).
    DataDecrypt,
    /// Data encryption, both ways (`3002`).
    DataBoth,
    /// Key encryption key (`0002`).
    Kek,
}

impl Usage {
    /// Every usage, for tables and tests.
    pub const ALL: [Usage; 8] = [
        Usage::Pin,
        Usage::MacGenerate,
        Usage::MacVerify,
        Usage::MacBoth,
        Usage::DataEncrypt,
        Usage::DataDecrypt,
        Usage::DataBoth,
        Usage::Kek,
    ];

    /// Lowercase name used across the bindings: `pin`, `mac_generate`, …, `kek`.
    pub const fn name(self) -> &'static str {
        match self {
            Usage::Pin => "pin",
            Usage::MacGenerate => "mac_generate",
            Usage::MacVerify => "mac_verify",
            Usage::MacBoth => "mac_both",
            Usage::DataEncrypt => "data_encrypt",
            Usage::DataDecrypt => "data_decrypt",
            Usage::DataBoth => "data_both",
            Usage::Kek => "kek",
        }
    }

    /// Key usage indicator (X9.24-3:2017 6.3.2, table 2).
    const fn indicator(self) -> u16 {
        match self {
            Usage::Pin => indicator::PIN_ENCRYPTION,
            Usage::MacGenerate => indicator::MAC_GENERATION,
            Usage::MacVerify => indicator::MAC_VERIFICATION,
            Usage::MacBoth => indicator::MAC_BOTH,
            Usage::DataEncrypt => indicator::DATA_ENCRYPT,
            Usage::DataDecrypt => indicator::DATA_DECRYPT,
            Usage::DataBoth => indicator::DATA_BOTH,
            Usage::Kek => indicator::KEY_ENCRYPTION_KEY,
        }
    }

    /// The attributes a key of this usage and `key_type` carries; refuses HMAC
    /// key types for anything but MACs.
    fn attributes(self, key_type: KeyType, side: Side) -> Result<(KeyUsage, ModeOfUse)> {
        let mac = if key_type.is_hmac() { KeyUsage::MacHmac } else { KeyUsage::MacCmac };
        // The usage names the device's operation; the host holds the same key for the
        // opposite one (it verifies what the device generated, decrypts what it encrypted).
        let (generate, verify, encrypt, decrypt) = match side {
            Side::Device => (ModeOfUse::Generate, ModeOfUse::Verify, ModeOfUse::Encrypt, ModeOfUse::Decrypt),
            Side::Host => (ModeOfUse::Verify, ModeOfUse::Generate, ModeOfUse::Decrypt, ModeOfUse::Encrypt),
        };
        let attributes = match self {
            Usage::MacGenerate => return Ok((mac, generate)),
            Usage::MacVerify => return Ok((mac, verify)),
            Usage::MacBoth => return Ok((mac, ModeOfUse::Both)),
            Usage::Pin => (KeyUsage::PinEncryption, ModeOfUse::BothEncDec),
            Usage::DataEncrypt => (KeyUsage::DataEncryption, encrypt),
            Usage::DataDecrypt => (KeyUsage::DataEncryption, decrypt),
            Usage::DataBoth => (KeyUsage::DataEncryption, ModeOfUse::BothEncDec),
            Usage::Kek => (KeyUsage::KeyEncryption, ModeOfUse::BothEncDec),
        };
        if key_type.is_hmac() {
            return Err(Error::KeyAlgorithm {
                needed: "TDES or AES",
                actual: Algorithm::Hmac,
                operation: "derive a DUKPT PIN, data or key-encryption key",
            });
        }
        Ok(attributes)
    }
}

/// Which end of the DUKPT link a working key is derived for: the device (from its
/// initial key or registers) or the host (from the BDK). The key material is the
/// same; the mode of use of one-way usages is the device's operation or its opposite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Device,
    Host,
}

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Usage {
    type Err = Error;
    /// Accepts the names (`pin`, `mac_generate`, …, `kek`), case-insensitively.
    fn from_str(s: &str) -> Result<Self> {
        Usage::ALL.into_iter().find(|u| u.name().eq_ignore_ascii_case(s)).ok_or(Error::UnknownKeyUsage)
    }
}

// ---------------------------------------------------------------------------
// Derivation primitives (stack only)
// ---------------------------------------------------------------------------

/// The 16 bytes of derivation data (X9.24-3:2017 6.3.2).
fn derivation_data(block_counter: u8, usage: u16, key_type: KeyType, tail: &[u8; 8]) -> [u8; 16] {
    let [u0, u1] = usage.to_be_bytes();
    let [a0, a1] = key_type.indicator().to_be_bytes();
    // Key lengths are at most 256 bits: the cast cannot truncate.
    let [l0, l1] = ((key_type.key_len() * 8) as u16).to_be_bytes();
    let mut data = [DERIVATION_DATA_VERSION, block_counter, u0, u1, a0, a1, l0, l1, 0, 0, 0, 0, 0, 0, 0, 0];
    data[8..].copy_from_slice(tail);
    data
}

/// Bytes 8-15 of the derivation data of every key but the initial key: derivation ID || counter.
fn counter_tail(initial_key_id: &[u8; INITIAL_KEY_ID_LEN], counter: u32) -> [u8; 8] {
    let mut tail = [0u8; 8];
    tail[..4].copy_from_slice(&initial_key_id[4..]);
    tail[4..].copy_from_slice(&counter.to_be_bytes());
    tail
}

/// Derives a key of `key_type` under `cipher` (X9.24-3:2017 6.3.1): one AES
/// block per 128 bits of output, the key block counter counting from 1.
fn derive_into(cipher: &BlockCipher, usage: u16, key_type: KeyType, tail: &[u8; 8], out: &mut [u8; 32]) -> Result<()> {
    for (i, chunk) in out[..key_type.key_len()].chunks_mut(16).enumerate() {
        // At most two blocks: the counter fits a byte.
        let mut block = derivation_data(i as u8 + 1, usage, key_type, tail);
        cipher.encrypt_block(&mut block)?;
        chunk.copy_from_slice(&block[..chunk.len()]);
        block.zeroize();
    }
    Ok(())
}

/// An intermediate derivation key: its material and its encryption-only AES schedule.
struct DerivationKey {
    material: Zeroizing<[u8; 32]>,
    cipher: BlockCipher,
}

/// One step of the key ladder: the derivation key for `counter` from its parent.
fn ladder_step(parent: &BlockCipher, key_type: KeyType, id: &[u8; 8], counter: u32) -> Result<DerivationKey> {
    let mut material = Zeroizing::new([0u8; 32]);
    derive_into(parent, indicator::KEY_DERIVATION, key_type, &counter_tail(id, counter), &mut material)?;
    let cipher = BlockCipher::new_encrypt_only(Algorithm::Aes, &material[..key_type.key_len()])?;
    Ok(DerivationKey { material, cipher })
}

/// The intermediate derivation key for `counter`, from the initial key along
/// the counter's one-bits, most significant first (X9.24-3:2017 6.1, 6.4).
/// `None` for counter 0, whose key is the initial key itself.
fn ladder(ik: &BlockCipher, key_type: KeyType, id: &[u8; 8], counter: u32) -> Result<Option<DerivationKey>> {
    let mut current: Option<DerivationKey> = None;
    let mut built = 0u32;
    let mut rest = counter;
    while rest != 0 {
        let bit = 1u32 << (31 - rest.leading_zeros());
        built |= bit;
        rest &= !bit;
        let next = match &current {
            Some(parent) => ladder_step(&parent.cipher, key_type, id, built)?,
            None => ladder_step(ik, key_type, id, built)?,
        };
        current = Some(next);
    }
    Ok(current)
}

/// Refuses a derived key stronger than its AES derivation key (X9.24-3:2017 6.2).
fn check_strength(derivation: KeyType, derived: KeyType) -> Result<()> {
    if derived.strength() > derivation.strength() {
        return Err(Error::KeyAlgorithm {
            needed: "longer AES derivation",
            actual: Algorithm::Aes,
            operation: "derive a DUKPT key stronger than its derivation key",
        });
    }
    Ok(())
}

/// Derives the working key of `usage` and `key_type` under a transaction's derivation key.
fn working_key(
    cipher: &BlockCipher,
    id: &[u8; 8],
    counter: u32,
    usage: Usage,
    key_type: KeyType,
    side: Side,
) -> Result<Key> {
    let (key_usage, mode) = usage.attributes(key_type, side)?;
    let mut material = Zeroizing::new([0u8; 32]);
    derive_into(cipher, usage.indicator(), key_type, &counter_tail(id, counter), &mut material)?;
    Key::with_mode(key_type.algorithm(), key_usage, mode, &material[..key_type.key_len()])
}

/// The derivation key type of an AES key used for derivation (BDK or initial key).
fn aes_key_type(key: &Key, operation: &'static str) -> Result<KeyType> {
    if key.algorithm() != Algorithm::Aes {
        return Err(Error::KeyAlgorithm { needed: "AES", actual: key.algorithm(), operation });
    }
    KeyType::aes(key.len()).ok_or(Error::InvalidKeyLength { algorithm: Algorithm::Aes, len: key.len() })
}

/// Checks an initial key: AES, usage B1, a mode that allows derivation.
fn check_initial_key(initial_key: &Key, operation: &'static str) -> Result<KeyType> {
    initial_key.require(KeyUsage::DukptInitialKey, DERIVE_MODES, operation)?;
    aes_key_type(initial_key, operation)
}

fn parse_initial_key_id(initial_key_id: &[u8]) -> Result<[u8; INITIAL_KEY_ID_LEN]> {
    initial_key_id.try_into().map_err(|_| Error::InvalidKsn("AES DUKPT initial key ID must be 8 bytes"))
}

/// Splits a KSN into initial key ID and counter (length check only).
fn split_ksn(ksn: &[u8]) -> Result<([u8; INITIAL_KEY_ID_LEN], u32)> {
    let ksn: &[u8; KSN_LEN] = ksn.try_into().map_err(|_| Error::InvalidKsn("AES DUKPT KSN must be 12 bytes"))?;
    let mut id = [0u8; INITIAL_KEY_ID_LEN];
    id.copy_from_slice(&ksn[..INITIAL_KEY_ID_LEN]);
    let counter = u32::from_be_bytes([ksn[8], ksn[9], ksn[10], ksn[11]]);
    Ok((id, counter))
}

/// Checks that `counter` may be used by a transaction.
fn check_counter(counter: u32) -> Result<()> {
    if counter == 0 {
        return Err(Error::InvalidKsn("transaction counter 0 has no working keys"));
    }
    if counter.count_ones() > MAX_COUNTER_ONE_BITS {
        return Err(Error::InvalidKsn("transaction counter has more than 16 one-bits"));
    }
    Ok(())
}

/// Parses a KSN for a working key derivation: 12 bytes, a valid non-zero counter.
fn parse_ksn(ksn: &[u8]) -> Result<([u8; INITIAL_KEY_ID_LEN], u32)> {
    let (id, counter) = split_ksn(ksn)?;
    check_counter(counter)?;
    Ok((id, counter))
}

fn make_ksn(id: &[u8; INITIAL_KEY_ID_LEN], counter: u32) -> [u8; KSN_LEN] {
    let mut ksn = [0u8; KSN_LEN];
    ksn[..INITIAL_KEY_ID_LEN].copy_from_slice(id);
    ksn[INITIAL_KEY_ID_LEN..].copy_from_slice(&counter.to_be_bytes());
    ksn
}

/// Working key for (`id`, `counter`) from an expanded initial key.
fn working_key_from_initial(
    ik: &BlockCipher,
    ik_type: KeyType,
    id: &[u8; 8],
    counter: u32,
    usage: Usage,
    key_type: KeyType,
    side: Side,
) -> Result<Key> {
    usage.attributes(key_type, side)?;
    check_strength(ik_type, key_type)?;
    match ladder(ik, ik_type, id, counter)? {
        Some(dk) => working_key(&dk.cipher, id, counter, usage, key_type, side),
        None => working_key(ik, id, counter, usage, key_type, side),
    }
}

// ---------------------------------------------------------------------------
// Host side
// ---------------------------------------------------------------------------

/// Derives a device's initial key from the BDK and its 8-byte initial key ID
/// (X9.24-3:2017 6.3.3: usage `8001`, the BDK's algorithm and length).
///
/// The BDK must be AES with usage `B0`; the result is an AES key of the same
/// length with usage `B1` (DUKPT initial key) and mode X.
pub fn derive_initial_key(bdk: &Key, initial_key_id: &[u8]) -> Result<Key> {
    const OPERATION: &str = "derive an AES DUKPT initial key";
    bdk.require(KeyUsage::Bdk, DERIVE_MODES, OPERATION)?;
    let bdk_type = aes_key_type(bdk, OPERATION)?;
    let id = parse_initial_key_id(initial_key_id)?;
    let mut material = Zeroizing::new([0u8; 32]);
    derive_into(bdk.cipher()?, indicator::KEY_DERIVATION_INITIAL_KEY, bdk_type, &id, &mut material)?;
    Key::with_mode(Algorithm::Aes, KeyUsage::DukptInitialKey, ModeOfUse::Derive, &material[..bdk_type.key_len()])
}

/// Derives the working key of `usage` and `key_type` for a 12-byte KSN from
/// the BDK (host side): initial key, intermediate derivation key, working key.
/// One-way usages get the host's mode of use, the opposite of the device's
/// (see the module documentation): derive `MacGenerate` to verify a device's MAC.
pub fn derive_key(bdk: &Key, ksn: &[u8], usage: Usage, key_type: KeyType) -> Result<Key> {
    const OPERATION: &str = "derive an AES DUKPT working key";
    bdk.require(KeyUsage::Bdk, DERIVE_MODES, OPERATION)?;
    let bdk_type = aes_key_type(bdk, OPERATION)?;
    let (id, counter) = parse_ksn(ksn)?;
    usage.attributes(key_type, Side::Device)?;
    check_strength(bdk_type, key_type)?;
    let mut ik = Zeroizing::new([0u8; 32]);
    derive_into(bdk.cipher()?, indicator::KEY_DERIVATION_INITIAL_KEY, bdk_type, &id, &mut ik)?;
    let ik = BlockCipher::new_encrypt_only(Algorithm::Aes, &ik[..bdk_type.key_len()])?;
    working_key_from_initial(&ik, bdk_type, &id, counter, usage, key_type, Side::Host)
}

/// Derives the working key of `usage` and `key_type` for a 12-byte KSN from
/// the device's initial key (device-side computation, key escrow, tests).
///
/// The initial key must be AES with usage `B1`.
pub fn derive_working_key(initial_key: &Key, ksn: &[u8], usage: Usage, key_type: KeyType) -> Result<Key> {
    let ik_type = check_initial_key(initial_key, "derive an AES DUKPT working key")?;
    let (id, counter) = parse_ksn(ksn)?;
    working_key_from_initial(initial_key.cipher()?, ik_type, &id, counter, usage, key_type, Side::Device)
}

/// Derives the DUKPT update key (X9.24-3:2017 6.5.3), the key-encryption key
/// that protects a new initial key sent to the device.
///
/// It is the key-encryption-key working key (usage `0002`) of `key_type` at
/// the reserved transaction counter `FFFFFFFF` (6.5.2), whose derivation key
/// comes from the initial key along all 32 counter bits. The result has usage
/// `K0`, mode B. HMAC key types are refused.
pub fn derive_update_key(initial_key: &Key, initial_key_id: &[u8], key_type: KeyType) -> Result<Key> {
    let ik_type = check_initial_key(initial_key, "derive an AES DUKPT update key")?;
    let id = parse_initial_key_id(initial_key_id)?;
    working_key_from_initial(
        initial_key.cipher()?,
        ik_type,
        &id,
        UPDATE_KEY_COUNTER,
        Usage::Kek,
        key_type,
        Side::Device,
    )
}

// ---------------------------------------------------------------------------
// Device side
// ---------------------------------------------------------------------------

/// The registers that must hold a key when `counter` is the next transaction
/// counter: the register of its lowest one-bit `p` (the key for `counter`
/// itself) and every register `j > p` whose counter bit is 0 (the key for
/// the counter's bits above `j` plus bit `j`, needed when the count carries
/// into `j`). Empty once exhausted (`counter == 0`).
fn expected_registers(counter: u32) -> u32 {
    if counter == 0 {
        return 0;
    }
    let p = counter.trailing_zeros();
    let above = u32::MAX.checked_shl(p + 1).unwrap_or(0);
    (1 << p) | (!counter & above)
}

/// The counter whose derivation key register `j` holds for next counter `counter`.
fn register_counter(counter: u32, j: u32) -> u32 {
    let below_and_j = u32::MAX >> (31 - j);
    (counter & !below_and_j) | (1 << j)
}

/// Binomial coefficients C(n, k) for n ≤ 32, k ≤ 16.
const BINOMIAL: [[u64; 17]; 33] = {
    let mut t = [[0u64; 17]; 33];
    let mut n = 0;
    while n <= 32 {
        t[n][0] = 1;
        let mut k = 1;
        while k <= 16 && k <= n {
            t[n][k] = t[n - 1][k - 1] + if k < n { t[n - 1][k] } else { 0 };
            k += 1;
        }
        n += 1;
    }
    t
};

/// How many 32-bit values below `x` have at most 16 one-bits (0 included).
fn count_valid_below(x: u64) -> u64 {
    if x > u64::from(u32::MAX) {
        return (0..=16).map(|k| BINOMIAL[32][k]).sum();
    }
    let mut total = 0;
    let mut ones = 0u32;
    for i in (0..32u32).rev() {
        if x & (1 << i) != 0 {
            // Same higher bits, bit i clear, any lower i bits within the budget.
            if ones <= MAX_COUNTER_ONE_BITS {
                let budget = (MAX_COUNTER_ONE_BITS - ones) as usize;
                total += (0..=budget.min(i as usize)).map(|k| BINOMIAL[i as usize][k]).sum::<u64>();
            }
            ones += 1;
        }
    }
    total
}

/// The intermediate derivation key registers, wiped on drop.
#[derive(Zeroize, ZeroizeOnDrop)]
struct Registers([[u8; 32]; NUM_REGISTERS]);

/// The originating device (PIN pad, terminal): its intermediate derivation key
/// registers and transaction counter (X9.24-3:2017 6.6).
///
/// The initial key is used once, by [`Device::new`], and not kept. Each
/// [`Device::next`] returns the [`Transaction`] of the current counter and
/// advances the device first, so persisting [`Device::save`] after `next` and
/// before the transaction is sent never lets a counter be used twice. There is
/// no `Clone`, for the same reason.
pub struct Device {
    initial_key_id: [u8; INITIAL_KEY_ID_LEN],
    key_type: KeyType,
    /// The next transaction's counter; 0 once exhausted.
    counter: u32,
    /// Bit `j` set when register `j` holds a key; always `expected_registers(counter)`.
    valid: u32,
    registers: Registers,
}

/// Magic of the saved device state: `PGDA` (posguard DUKPT AES).
const STATE_MAGIC: [u8; 4] = *b"PGDA";
/// Version of the saved device state format.
const STATE_VERSION: u8 = 1;
/// Saved state header: magic, version, key length, initial key ID, counter, register mask.
const STATE_HEADER_LEN: usize = 4 + 1 + 1 + INITIAL_KEY_ID_LEN + 4 + 4;
/// Saved state trailer: CRC-32.
const STATE_CRC_LEN: usize = 4;

/// CRC-32 (IEEE 802.3: reflected, polynomial 0xEDB88320, init and final XOR all ones).
fn crc32(data: &[u8]) -> u32 {
    let mut crc = u32::MAX;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

impl Device {
    /// Loads a device with its initial key and KSN (X9.24-3:2017 6.6).
    ///
    /// The KSN is the initial key ID and a counter: counter 0 (the usual
    /// initial KSN) makes the first transaction counter 1; a non-zero counter
    /// is the next transaction's counter and must be valid (at most 16
    /// one-bits). The KSN's initial key ID must be the one the initial key was
    /// derived with; the device cannot check that.
    pub fn new(initial_key: &Key, ksn: &[u8]) -> Result<Self> {
        let key_type = check_initial_key(initial_key, "load an AES DUKPT device")?;
        let (initial_key_id, counter) = split_ksn(ksn)?;
        let counter = if counter == 0 { 1 } else { counter };
        check_counter(counter)?;
        let ik = initial_key.cipher()?;
        let mut registers = Registers([[0u8; 32]; NUM_REGISTERS]);
        let valid = expected_registers(counter);
        for (j, register) in registers.0.iter_mut().enumerate() {
            if valid & (1 << j) == 0 {
                continue;
            }
            let c = register_counter(counter, j as u32);
            if let Some(dk) = ladder(ik, key_type, &initial_key_id, c)? {
                register.copy_from_slice(&dk.material[..]);
            }
        }
        Ok(Self { initial_key_id, key_type, counter, valid, registers })
    }

    /// The KSN of the next transaction; once exhausted, the initial key ID with counter 0.
    pub fn ksn(&self) -> [u8; KSN_LEN] {
        make_ksn(&self.initial_key_id, self.counter)
    }

    /// The initial key ID (BDK ID || derivation ID).
    pub fn initial_key_id(&self) -> [u8; INITIAL_KEY_ID_LEN] {
        self.initial_key_id
    }

    /// The next transaction's counter; 0 once exhausted.
    pub fn counter(&self) -> u32 {
        self.counter
    }

    /// The AES key type of the initial and derivation keys (AES-128, -192 or -256).
    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    /// True when no transaction counter is left.
    pub fn is_exhausted(&self) -> bool {
        self.counter == 0
    }

    /// How many transactions are left, the next one included (about 2.45 billion for a new device).
    pub fn remaining(&self) -> u32 {
        if self.counter == 0 {
            return 0;
        }
        let left = count_valid_below(1 << 32) - count_valid_below(u64::from(self.counter));
        u32::try_from(left).unwrap_or(u32::MAX)
    }

    /// Whether this device can give a working key of `usage` and `key_type`: the pair
    /// must make sense (no HMAC PIN or data key) and the key must not be stronger than
    /// the initial key. Checking before [`Device::next`] keeps a refused request from
    /// using up a transaction counter.
    pub fn check_key(&self, usage: Usage, key_type: KeyType) -> Result<()> {
        usage.attributes(key_type, Side::Device)?;
        check_strength(self.key_type, key_type)
    }

    /// Starts the next transaction: returns its KSN and intermediate derivation
    /// key, and advances the device past it (`DukptExhausted` when none is left).
    ///
    /// When the counter has fewer than 16 one-bits, the derivation keys of the
    /// counters one bit below it are derived into the registers under its own;
    /// then its register is erased and the counter moves to the next value with
    /// at most 16 one-bits (X9.24-3:2017 6.6).
    // `next` is the name every binding uses; a fallible, state-changing step is not an `Iterator`.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Transaction> {
        let counter = self.counter;
        if counter == 0 {
            return Err(Error::DukptExhausted);
        }
        let p = counter.trailing_zeros();
        let len = self.key_type.key_len();
        let register = self.registers.0.get(p as usize).ok_or(Error::InvalidState("register index out of range"))?;
        let cipher = BlockCipher::new_encrypt_only(Algorithm::Aes, &register[..len])?;
        let next = if counter.count_ones() < MAX_COUNTER_ONE_BITS {
            // Registers below p hold nothing (see `expected_registers`): fill them.
            for j in 0..p {
                let tail = counter_tail(&self.initial_key_id, counter | (1 << j));
                if let Some(slot) = self.registers.0.get_mut(j as usize) {
                    derive_into(&cipher, indicator::KEY_DERIVATION, self.key_type, &tail, slot)?;
                }
            }
            self.valid |= (1 << p) - 1;
            counter + 1
        } else {
            // 16 one-bits: no key below this one may be used; skip to the carry.
            counter.checked_add(1 << p).unwrap_or(0)
        };
        if let Some(used) = self.registers.0.get_mut(p as usize) {
            used.zeroize();
        }
        self.valid &= !(1 << p);
        self.counter = next;
        debug_assert_eq!(self.valid, expected_registers(self.counter));
        Ok(Transaction {
            ksn: make_ksn(&self.initial_key_id, counter),
            counter,
            initial_key_id: self.initial_key_id,
            key_type: self.key_type,
            cipher,
        })
    }

    /// The device's state, to persist after every [`Device::next`] (before the
    /// transaction leaves the device). It holds the intermediate derivation
    /// keys in clear: store it sealed. Format, version 1 (all integers
    /// big-endian):
    ///
    /// | offset | length | field |
    /// |---|---|---|
    /// | 0 | 4 | magic `PGDA` |
    /// | 4 | 1 | format version, `01` |
    /// | 5 | 1 | AES key length of the derivation keys: 16, 24 or 32 |
    /// | 6 | 8 | initial key ID |
    /// | 14 | 4 | next transaction counter (0: exhausted) |
    /// | 18 | 4 | register mask: bit `j` set when register `j` is present |
    /// | 22 | n × key length | the present registers, lowest index first |
    /// | end − 4 | 4 | CRC-32 (IEEE) of everything before it |
    ///
    /// The CRC catches corruption, not tampering.
    pub fn save(&self) -> Zeroizing<Vec<u8>> {
        let len = self.key_type.key_len();
        let total = STATE_HEADER_LEN + self.valid.count_ones() as usize * len + STATE_CRC_LEN;
        let mut out = Zeroizing::new(Vec::with_capacity(total));
        out.extend_from_slice(&STATE_MAGIC);
        out.push(STATE_VERSION);
        // 16, 24 or 32: fits a byte.
        out.push(len as u8);
        out.extend_from_slice(&self.initial_key_id);
        out.extend_from_slice(&self.counter.to_be_bytes());
        out.extend_from_slice(&self.valid.to_be_bytes());
        for (j, register) in self.registers.0.iter().enumerate() {
            if self.valid & (1 << j) != 0 {
                out.extend_from_slice(&register[..len]);
            }
        }
        let crc = crc32(&out);
        out.extend_from_slice(&crc.to_be_bytes());
        out
    }

    /// Restores a device from [`Device::save`], checking the format, the CRC,
    /// the counter and that exactly the registers the counter needs are present
    /// (`InvalidState` otherwise).
    pub fn restore(state: &[u8]) -> Result<Self> {
        let (body, crc) = state
            .split_last_chunk::<STATE_CRC_LEN>()
            .ok_or(Error::InvalidState("AES DUKPT device state is truncated"))?;
        let (header, keys) = body
            .split_first_chunk::<STATE_HEADER_LEN>()
            .ok_or(Error::InvalidState("AES DUKPT device state is truncated"))?;
        if header[..4] != STATE_MAGIC {
            return Err(Error::InvalidState("not an AES DUKPT device state"));
        }
        if header[4] != STATE_VERSION {
            return Err(Error::InvalidState("unsupported AES DUKPT device state version"));
        }
        if crc32(body) != u32::from_be_bytes(*crc) {
            return Err(Error::InvalidState("AES DUKPT device state checksum mismatch"));
        }
        let key_type = KeyType::aes(usize::from(header[5]))
            .ok_or(Error::InvalidState("AES DUKPT device state has an invalid key length"))?;
        let len = key_type.key_len();
        let mut initial_key_id = [0u8; INITIAL_KEY_ID_LEN];
        initial_key_id.copy_from_slice(&header[6..14]);
        let counter = u32::from_be_bytes([header[14], header[15], header[16], header[17]]);
        let valid = u32::from_be_bytes([header[18], header[19], header[20], header[21]]);
        if counter != 0 && check_counter(counter).is_err() {
            return Err(Error::InvalidState("AES DUKPT device state has an invalid counter"));
        }
        if valid != expected_registers(counter) {
            return Err(Error::InvalidState("AES DUKPT device state registers do not match its counter"));
        }
        if keys.len() != valid.count_ones() as usize * len {
            return Err(Error::InvalidState("AES DUKPT device state has the wrong length"));
        }
        let mut registers = Registers([[0u8; 32]; NUM_REGISTERS]);
        let mut chunks = keys.chunks_exact(len);
        for (j, register) in registers.0.iter_mut().enumerate() {
            if valid & (1 << j) != 0 {
                let key = chunks.next().ok_or(Error::InvalidState("AES DUKPT device state has the wrong length"))?;
                register[..len].copy_from_slice(key);
            }
        }
        Ok(Self { initial_key_id, key_type, counter, valid, registers })
    }
}

impl fmt::Debug for Device {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Device")
            .field("ksn", &format_args!("{}", Hex(&self.ksn())))
            .field("key_type", &self.key_type)
            .field("remaining", &self.remaining())
            .field("registers", &format_args!("<redacted>"))
            .finish()
    }
}

/// One transaction of a [`Device`]: its KSN and intermediate derivation key
/// (held expanded, wiped on drop), from which every working key is derived.
pub struct Transaction {
    ksn: [u8; KSN_LEN],
    counter: u32,
    initial_key_id: [u8; INITIAL_KEY_ID_LEN],
    key_type: KeyType,
    cipher: BlockCipher,
}

impl Transaction {
    /// The transaction's KSN, sent with the transaction so the host can derive the same keys.
    pub fn ksn(&self) -> [u8; KSN_LEN] {
        self.ksn
    }

    /// The transaction counter.
    pub fn counter(&self) -> u32 {
        self.counter
    }

    /// The working key of `usage` and `key_type` for this transaction; the same
    /// key [`derive_key`] gives the host for [`Transaction::ksn`].
    pub fn key(&self, usage: Usage, key_type: KeyType) -> Result<Key> {
        usage.attributes(key_type, Side::Device)?;
        check_strength(self.key_type, key_type)?;
        working_key(&self.cipher, &self.initial_key_id, self.counter, usage, key_type, Side::Device)
    }
}

impl fmt::Debug for Transaction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transaction")
            .field("ksn", &format_args!("{}", Hex(&self.ksn)))
            .field("key", &format_args!("<redacted>"))
            .finish()
    }
}

/// Upper-case hex of public bytes (KSNs), without allocation.
struct Hex<'a>(&'a [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02X}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;
    use alloc::vec;

    /// The device's and the host's copies of one working key: same material and usage; for the
    /// one-way usages the host's mode is the opposite operation (it verifies what the device
    /// generated, decrypts what it encrypted).
    fn assert_same_key(device: &Key, host: &Key) {
        assert_eq!(device.export_clear(), host.export_clear());
        assert_eq!((device.algorithm(), device.usage()), (host.algorithm(), host.usage()));
        let opposite = match device.mode() {
            ModeOfUse::Generate => ModeOfUse::Verify,
            ModeOfUse::Verify => ModeOfUse::Generate,
            ModeOfUse::Encrypt => ModeOfUse::Decrypt,
            ModeOfUse::Decrypt => ModeOfUse::Encrypt,
            both => both,
        };
        assert_eq!(host.mode(), opposite, "{device:?} / {host:?}");
    }

    use rand_chacha::ChaCha20Rng;
    use rand_core::SeedableRng;

    use crate::pin::{self, PinFormat};

    /// ANSI X9.24-3-2017 supplement test vectors: BDKs and initial key ID.
    const BDK128: &str = "FEDCBA9876543210F1F1F1F1F1F1F1F1";
    const BDK256: &str = "FEDCBA9876543210F1F1F1F1F1F1F1F1FEDCBA9876543210F1F1F1F1F1F1F1F1";
    const IKID: &str = "1234567890123456";

    fn unhex(s: &str) -> Vec<u8> {
        hex::decode(s).unwrap()
    }

    fn bdk(hex: &str) -> Key {
        Key::new(Algorithm::Aes, KeyUsage::Bdk, &unhex(hex)).unwrap()
    }

    fn ik(bdk_hex: &str) -> Key {
        derive_initial_key(&bdk(bdk_hex), &unhex(IKID)).unwrap()
    }

    fn ksn(counter: u32) -> [u8; KSN_LEN] {
        let mut id = [0u8; 8];
        id.copy_from_slice(&unhex(IKID));
        make_ksn(&id, counter)
    }

    /// The next counter with at most 16 one-bits, by brute force.
    fn next_valid(counter: u32) -> Option<u32> {
        (u64::from(counter) + 1..=u64::from(u32::MAX)).map(|c| c as u32).find(|c| c.count_ones() <= 16)
    }

    /// Derivation data examples from the X9.24-3-2017 supplement (initial key:
    /// 01 01 8001 0002 0080 || IK ID; AES-128 PIN key, counter 1: 01 01 1000 0002 0080 90123456 00000001).
    #[test]
    fn derivation_data_layout() {
        let id: [u8; 8] = unhex(IKID).try_into().unwrap();
        let ik_data = derivation_data(1, indicator::KEY_DERIVATION_INITIAL_KEY, KeyType::Aes128, &id);
        assert_eq!(hex::encode_upper(ik_data), "01018001000200801234567890123456");
        let pin_data = derivation_data(1, Usage::Pin.indicator(), KeyType::Aes128, &counter_tail(&id, 1));
        assert_eq!(hex::encode_upper(pin_data), "01011000000200809012345600000001");
        let second = derivation_data(2, Usage::Kek.indicator(), KeyType::Aes256, &counter_tail(&id, u32::MAX));
        assert_eq!(hex::encode_upper(second), "010200020004010090123456FFFFFFFF");
        assert_eq!(KeyType::Tdes3.indicator(), 1);
        assert_eq!(KeyType::Hmac192.indicator(), 5);
    }

    /// The supplement's intermediate derivation keys (`derivation_key` vectors in tests/vectors/dukpt_aes.json).
    #[test]
    fn published_derivation_keys() {
        let file: serde_json::Value = serde_json::from_str(include_str!("../../tests/vectors/dukpt_aes.json")).unwrap();
        let mut n = 0;
        for v in file["vectors"].as_array().unwrap().iter().filter(|v| v["kind"] == "derivation_key") {
            let ik = ik(v["bdk"].as_str().unwrap());
            let ik_type = KeyType::aes(ik.len()).unwrap();
            let (id, counter) = parse_ksn(&unhex(v["ksn"].as_str().unwrap())).unwrap();
            let dk = ladder(ik.cipher().unwrap(), ik_type, &id, counter).unwrap().unwrap();
            assert_eq!(hex::encode_upper(&dk.material[..ik.len()]), v["key"].as_str().unwrap(), "{}", v["name"]);
            n += 1;
        }
        assert!(n >= 30);
    }

    /// Device and host agree on every key, for thousands of consecutive
    /// transactions, across save/restore, and the device visits every valid counter.
    #[test]
    fn device_and_host_agree_across_save_restore() {
        for bdk_hex in [BDK128, BDK256] {
            let bdk = bdk(bdk_hex);
            let ik = derive_initial_key(&bdk, &unhex(IKID)).unwrap();
            let mut device = Device::new(&ik, &ksn(0)).unwrap();
            let types = [KeyType::Aes128, KeyType::Tdes2, KeyType::Tdes3, KeyType::Hmac128];
            let mut expected = 1u32;
            let mut remaining = device.remaining();
            assert_eq!(remaining, 2_448_023_842);
            for i in 0..3000usize {
                assert_eq!(device.ksn(), ksn(expected));
                let tx = device.next().unwrap();
                assert_eq!(tx.counter(), expected);
                assert_eq!(device.remaining(), remaining - 1);
                remaining -= 1;
                let usage = Usage::ALL[i % Usage::ALL.len()];
                let key_type = if usage.attributes(KeyType::Hmac128, Side::Device).is_ok() {
                    types[i % types.len()]
                } else {
                    types[i % 3]
                };
                let host = derive_key(&bdk, &tx.ksn(), usage, key_type).unwrap();
                assert_same_key(&tx.key(usage, key_type).unwrap(), &host);
                if i % 250 == 0 {
                    let state = device.save();
                    device = Device::restore(&state).unwrap();
                    assert_eq!(device.save(), state);
                }
                expected = next_valid(expected).unwrap();
            }
        }
    }

    /// Counters with 15 and 16 one-bits: the device skips exactly the counters
    /// with more than 16 one-bits and still agrees with the host.
    #[test]
    fn device_skips_counters_with_too_many_one_bits() {
        let ik = ik(BDK128);
        for start in [0x0000_FFF0u32, 0x00FF_FE00, 0x7FFE_0000, 0x0001_FFFE] {
            let mut device = Device::new(&ik, &ksn(start)).unwrap();
            let mut expected = start;
            for _ in 0..1200 {
                let tx = device.next().unwrap();
                assert_eq!(tx.counter(), expected, "start {start:08X}");
                assert!(expected.count_ones() <= 16);
                let host = derive_working_key(&ik, &tx.ksn(), Usage::Pin, KeyType::Aes128).unwrap();
                assert_eq!(tx.key(Usage::Pin, KeyType::Aes128).unwrap(), host);
                expected = next_valid(expected).unwrap();
                assert_eq!(device.counter(), expected);
            }
        }
    }

    /// The last four counters (FFFE2000, FFFE4000, FFFE8000, FFFF0000, as in the
    /// supplement), then exhaustion; an exhausted state saves and restores.
    #[test]
    fn near_exhaustion_and_exhaustion() {
        let bdk = bdk(BDK256);
        let ik = derive_initial_key(&bdk, &unhex(IKID)).unwrap();
        let mut device = Device::new(&ik, &ksn(0xFFFE_2000)).unwrap();
        assert_eq!(device.remaining(), 4);
        for (left, counter) in [(4, 0xFFFE_2000u32), (3, 0xFFFE_4000), (2, 0xFFFE_8000), (1, 0xFFFF_0000)] {
            assert_eq!(device.remaining(), left);
            assert!(!device.is_exhausted());
            let state = device.save();
            let tx = device.next().unwrap();
            assert_eq!(tx.counter(), counter);
            let key = tx.key(Usage::DataBoth, KeyType::Aes256).unwrap();
            assert_eq!(key, derive_key(&bdk, &ksn(counter), Usage::DataBoth, KeyType::Aes256).unwrap());
            // A state saved before `next` restores to the same counter; one saved after, to the next.
            assert_eq!(Device::restore(&state).unwrap().counter(), counter);
        }
        assert!(device.is_exhausted());
        assert_eq!(device.remaining(), 0);
        assert_eq!(device.ksn(), ksn(0));
        assert_eq!(device.next().unwrap_err(), Error::DukptExhausted);
        let mut restored = Device::restore(&device.save()).unwrap();
        assert!(restored.is_exhausted());
        assert_eq!(restored.next().unwrap_err().kind(), crate::ErrorKind::State);
    }

    #[test]
    fn remaining_matches_brute_force() {
        for x in [0u64, 1, 2, 0xFFFF, 0x1_0000, 0x1_FFFF, 0x2_0000, 0x12_3456] {
            let brute = (0..x).filter(|v| v.count_ones() <= 16).count() as u64;
            assert_eq!(count_valid_below(x), brute, "{x:X}");
        }
        let brute_top = (0xFFF0_0000u64..=0xFFFF_FFFF).filter(|v| v.count_ones() <= 16).count() as u64;
        assert_eq!(count_valid_below(1 << 32) - count_valid_below(0xFFF0_0000), brute_top);
    }

    #[test]
    fn bad_ksn_and_initial_key_id() {
        let bdk = bdk(BDK128);
        let ik = derive_initial_key(&bdk, &unhex(IKID)).unwrap();
        let good = ksn(1);
        for bad in [&good[..11], &[good.as_slice(), &[0]].concat()[..], &[][..]] {
            assert!(matches!(derive_key(&bdk, bad, Usage::Pin, KeyType::Aes128), Err(Error::InvalidKsn(_))));
            assert!(matches!(derive_working_key(&ik, bad, Usage::Pin, KeyType::Aes128), Err(Error::InvalidKsn(_))));
            assert!(matches!(Device::new(&ik, bad), Err(Error::InvalidKsn(_))));
        }
        // 17 one-bits (the supplement's 1FFFF) and counter 0.
        for counter in [0x0001_FFFF, 0xFFFF_0001, u32::MAX, 0] {
            assert!(matches!(derive_key(&bdk, &ksn(counter), Usage::Pin, KeyType::Aes128), Err(Error::InvalidKsn(_))));
            if counter != 0 {
                assert!(matches!(Device::new(&ik, &ksn(counter)), Err(Error::InvalidKsn(_))));
            }
        }
        for len in [0, 7, 9, 12] {
            assert!(matches!(derive_initial_key(&bdk, &vec![0x12; len]), Err(Error::InvalidKsn(_))));
            assert!(matches!(derive_update_key(&ik, &vec![0x12; len], KeyType::Aes128), Err(Error::InvalidKsn(_))));
        }
    }

    #[test]
    fn wrong_key_usage_or_algorithm() {
        let id = unhex(IKID);
        let bdk = bdk(BDK128);
        let ik = derive_initial_key(&bdk, &id).unwrap();
        assert_eq!(ik.mode(), ModeOfUse::Derive);
        // A TDES BDK, an AES key of the wrong usage, the initial key as BDK and the BDK as initial key.
        let tdes_bdk = Key::new(Algorithm::Tdes, KeyUsage::Bdk, &unhex("0123456789ABCDEFFEDCBA9876543210")).unwrap();
        assert!(matches!(derive_initial_key(&tdes_bdk, &id), Err(Error::KeyAlgorithm { .. })));
        assert!(matches!(derive_key(&tdes_bdk, &ksn(1), Usage::Pin, KeyType::Tdes2), Err(Error::KeyAlgorithm { .. })));
        let kek = Key::new(Algorithm::Aes, KeyUsage::KeyEncryption, &unhex(BDK128)).unwrap();
        assert!(matches!(derive_initial_key(&kek, &id), Err(Error::KeyUsage { .. })));
        assert!(matches!(derive_initial_key(&ik, &id), Err(Error::KeyUsage { .. })));
        assert!(matches!(derive_working_key(&bdk, &ksn(1), Usage::Pin, KeyType::Aes128), Err(Error::KeyUsage { .. })));
        assert!(matches!(derive_update_key(&bdk, &id, KeyType::Aes128), Err(Error::KeyUsage { .. })));
        assert!(matches!(Device::new(&bdk, &ksn(0)), Err(Error::KeyUsage { .. })));
        let tdes_ik =
            Key::new(Algorithm::Tdes, KeyUsage::DukptInitialKey, &unhex("0123456789ABCDEFFEDCBA9876543210")).unwrap();
        assert!(matches!(Device::new(&tdes_ik, &ksn(0)), Err(Error::KeyAlgorithm { .. })));
    }

    /// X9.24-3 6.2: never stronger than the derivation key; HMAC only for MACs.
    #[test]
    fn key_type_strength_and_hmac_rules() {
        let bdk192 = Key::new(Algorithm::Aes, KeyUsage::Bdk, &unhex(&BDK256[..48])).unwrap();
        for bdk in [bdk(BDK128), bdk192, bdk(BDK256)] {
            let ik = derive_initial_key(&bdk, &unhex(IKID)).unwrap();
            let mut device = Device::new(&ik, &ksn(0)).unwrap();
            let tx = device.next().unwrap();
            for key_type in KeyType::ALL {
                for usage in Usage::ALL {
                    let host = derive_key(&bdk, &ksn(1), usage, key_type);
                    let stronger = key_type.strength() > bdk.len() * 8;
                    let hmac_misuse =
                        key_type.is_hmac() && !matches!(usage.name(), "mac_generate" | "mac_verify" | "mac_both");
                    match (&host, stronger, hmac_misuse) {
                        (Ok(key), false, false) => {
                            assert_eq!(key.len(), key_type.key_len());
                            assert_eq!(key.algorithm(), key_type.algorithm());
                            let device_key = tx.key(usage, key_type).unwrap();
                            assert_same_key(&device_key, key);
                            assert_eq!(derive_working_key(&ik, &ksn(1), usage, key_type).unwrap(), device_key);
                        }
                        (Err(Error::KeyAlgorithm { actual, .. }), _, _) => {
                            assert!(stronger || hmac_misuse, "{usage} {key_type}");
                            assert_eq!(*actual, if hmac_misuse { Algorithm::Hmac } else { Algorithm::Aes });
                            assert_eq!(tx.key(usage, key_type).unwrap_err(), host.clone().unwrap_err());
                        }
                        other => panic!("{usage} {key_type} from {} bytes: {other:?}", bdk.len()),
                    }
                }
            }
            assert!(derive_update_key(&ik, &unhex(IKID), KeyType::Hmac128).is_err());
        }
    }

    #[test]
    fn derived_keys_carry_usage_and_mode() {
        let ik = ik(BDK256);
        let k = |u, t| derive_working_key(&ik, &ksn(5), u, t).unwrap();
        let attrs = |key: Key| (key.algorithm(), key.usage(), key.mode());
        assert_eq!(
            attrs(k(Usage::Pin, KeyType::Aes128)),
            (Algorithm::Aes, KeyUsage::PinEncryption, ModeOfUse::BothEncDec)
        );
        assert_eq!(
            attrs(k(Usage::MacGenerate, KeyType::Aes256)),
            (Algorithm::Aes, KeyUsage::MacCmac, ModeOfUse::Generate)
        );
        assert_eq!(attrs(k(Usage::MacVerify, KeyType::Tdes3)), (Algorithm::Tdes, KeyUsage::MacCmac, ModeOfUse::Verify));
        assert_eq!(attrs(k(Usage::MacBoth, KeyType::Hmac256)), (Algorithm::Hmac, KeyUsage::MacHmac, ModeOfUse::Both));
        assert_eq!(
            attrs(k(Usage::DataEncrypt, KeyType::Aes192)),
            (Algorithm::Aes, KeyUsage::DataEncryption, ModeOfUse::Encrypt)
        );
        assert_eq!(
            attrs(k(Usage::DataDecrypt, KeyType::Aes128)),
            (Algorithm::Aes, KeyUsage::DataEncryption, ModeOfUse::Decrypt)
        );
        assert_eq!(
            attrs(k(Usage::DataBoth, KeyType::Tdes2)),
            (Algorithm::Tdes, KeyUsage::DataEncryption, ModeOfUse::BothEncDec)
        );
        assert_eq!(
            attrs(k(Usage::Kek, KeyType::Aes256)),
            (Algorithm::Aes, KeyUsage::KeyEncryption, ModeOfUse::BothEncDec)
        );
        let update = derive_update_key(&ik, &unhex(IKID), KeyType::Aes256).unwrap();
        assert_eq!(attrs(update), (Algorithm::Aes, KeyUsage::KeyEncryption, ModeOfUse::BothEncDec));
    }

    /// A device PIN key flows into `pin::encrypt` (format 4) and the host decrypts;
    /// a MAC or data key is refused there.
    #[test]
    fn pin_key_works_with_format_4_and_mac_key_is_refused() {
        let bdk = bdk(BDK128);
        let mut device = Device::new(&derive_initial_key(&bdk, &unhex(IKID)).unwrap(), &ksn(0)).unwrap();
        let mut rng = ChaCha20Rng::seed_from_u64(3);
        for _ in 0..5 {
            let tx = device.next().unwrap();
            let pin_key = tx.key(Usage::Pin, KeyType::Aes128).unwrap();
            let block = pin::encrypt("8264", Some("4111111111111111"), &pin_key, PinFormat::Iso4, &mut rng).unwrap();
            let host_key = derive_key(&bdk, &tx.ksn(), Usage::Pin, KeyType::Aes128).unwrap();
            let clear = pin::decrypt(block.as_bytes(), Some("4111111111111111"), &host_key, PinFormat::Iso4).unwrap();
            assert_eq!(clear.as_str(), "8264");
            for (usage, key_type) in [(Usage::MacGenerate, KeyType::Aes128), (Usage::DataEncrypt, KeyType::Aes128)] {
                let other = tx.key(usage, key_type).unwrap();
                let err =
                    pin::encrypt("8264", Some("4111111111111111"), &other, PinFormat::Iso4, &mut rng).unwrap_err();
                assert!(matches!(err, Error::KeyUsage { .. }), "{usage}: {err:?}");
            }
        }
    }

    fn with_crc(mut body: Vec<u8>) -> Vec<u8> {
        let crc = crc32(&body);
        body.extend_from_slice(&crc.to_be_bytes());
        body
    }

    #[test]
    fn corrupted_state_is_refused() {
        let mut device = Device::new(&ik(BDK128), &ksn(0)).unwrap();
        for _ in 0..37 {
            device.next().unwrap();
        }
        let state = device.save();
        assert_eq!(&state[..5], b"PGDA\x01");
        assert_eq!(state.len(), STATE_HEADER_LEN + device.valid.count_ones() as usize * 16 + STATE_CRC_LEN);
        // Every single-bit flip, every truncation, an extra byte.
        for i in 0..state.len() * 8 {
            let mut s = state.to_vec();
            s[i / 8] ^= 1 << (i % 8);
            assert!(matches!(Device::restore(&s), Err(Error::InvalidState(_))), "bit {i}");
        }
        for n in 0..state.len() {
            assert!(matches!(Device::restore(&state[..n]), Err(Error::InvalidState(_))), "len {n}");
        }
        assert!(matches!(Device::restore(&[state.as_slice(), &[0]].concat()), Err(Error::InvalidState(_))));
        // Well-formed checksums over inconsistent contents.
        let body = &state[..state.len() - 4];
        let edit = |at: usize, bytes: &[u8]| {
            let mut b = body.to_vec();
            b[at..at + bytes.len()].copy_from_slice(bytes);
            with_crc(b)
        };
        for bad in [
            edit(4, &[2]),                           // version
            edit(5, &[20]),                          // key length
            edit(5, &[32]),                          // key length that does not match the registers
            edit(14, &0x0001_FFFFu32.to_be_bytes()), // 17 one-bits
            edit(14, &40u32.to_be_bytes()),          // counter the registers do not fit
            edit(18, &u32::MAX.to_be_bytes()),       // mask
            edit(0, b"PGDT"),                        // magic
        ] {
            assert!(matches!(Device::restore(&bad), Err(Error::InvalidState(_))));
        }
        let mut extra = body.to_vec();
        extra.extend_from_slice(&[0; 16]);
        assert!(matches!(Device::restore(&with_crc(extra)), Err(Error::InvalidState(_))));
        // The untouched state restores, to the same next counter.
        assert_eq!(Device::restore(&state).unwrap().ksn(), device.ksn());
    }

    #[test]
    fn debug_is_redacted() {
        let ik = ik(BDK128);
        let mut device = Device::new(&ik, &ksn(0)).unwrap();
        let tx = device.next().unwrap();
        let key = tx.key(Usage::Pin, KeyType::Aes128).unwrap();
        let secrets = [hex::encode_upper(ik.export_clear().expose()), hex::encode_upper(key.export_clear().expose())];
        let texts: [String; 2] = [format!("{device:?}"), format!("{tx:?}")];
        for text in &texts {
            assert!(
                text.contains("<redacted>") && text.contains("123456789012345600000001") || text.contains("00000002")
            );
            for s in &secrets {
                assert!(!text.contains(&s[..8]) && !text.to_lowercase().contains(&s[..8].to_lowercase()), "{text}");
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for t in KeyType::ALL {
            assert_eq!(t.name().parse::<KeyType>().unwrap(), t);
            assert_eq!(t.name().to_uppercase().parse::<KeyType>().unwrap(), t);
        }
        for u in Usage::ALL {
            assert_eq!(u.name().parse::<Usage>().unwrap(), u);
        }
        assert_eq!("aes512".parse::<KeyType>().unwrap_err(), Error::UnknownAlgorithm);
        assert_eq!("mac".parse::<Usage>().unwrap_err(), Error::UnknownKeyUsage);
    }
}
