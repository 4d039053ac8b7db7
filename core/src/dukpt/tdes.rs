//! TDES DUKPT, ANSI X9.24-1:2009 (Annex A), both sides.
//!
//! - **Host side** (the receiver, holding the BDK): [`derive_ipek`] (A.6, "Derivation of
//!   the Initial Key"), then the transaction key for any KSN by walking the counter's
//!   one-bits from the left through the non-reversible key generation process (A.2,
//!   "Non-reversible Key Generation Process"; A.3), and the working-key variants of A.4.1
//!   (table A-1): [`derive_key`], [`derive_key_from_ipek`].
//! - **Device side** (the originating SCD of A.2): [`Device`] keeps the 21 future key
//!   registers, advances the encryption counter with the "New Key" procedure (skipping
//!   counters with more than 10 one-bits), erases each key once used, reports
//!   exhaustion, and saves / restores its state ([`Device::save`], [`Device::restore`]).
//!
//! # Keys
//!
//! X9.24-1:2009 DUKPT is defined for double-length (2-key) TDES keys only: the BDK
//! and the initial key must be 16-byte TDES keys (a 3-key BDK is refused). The BDK
//! must have usage `B0`, the initial key (IPEK) usage `B1`, both with mode `X` (derive)
//! or `N`. Derived keys carry their usage, so they only work where they belong:
//!
//! | [`Usage`] | variant mask (XOR on both halves) | one-way step | key usage | mode |
//! |---|---|---|---|---|
//! | `Pin` | `00000000000000FF` | no | `P0` | `B` |
//! | `MacRequest` | `000000000000FF00` | no | `M3` (ISO 9797-1 alg. 3) | `C` |
//! | `MacResponse` | `00000000FF000000` | no | `M3` | `C` |
//! | `DataRequest` | `0000000000FF0000` | yes | `D0` | `B` |
//! | `DataResponse` | `000000FF00000000` | yes | `D0` | `B` |
//!
//! The data variants follow common practice since X9.24-1:2009 A.4.1 (figure A-2) and
//! its 2017 revision: the variant key `V` is made one-way by encrypting each half
//! under `V` itself with TDES (`K = E_V(V_L) ‖ E_V(V_R)`).
//!
//! # Speed
//!
//! The derivation path works on stack arrays and never allocates. Every DES or TDES
//! key schedule is computed once per key: the non-reversible key generation process
//! runs two single-DES encryptions under two schedules per one-bit of the counter.
//!
//! # Saved state (format version 1)
//!
//! [`Device::save`] returns a compact binary record; [`Device::restore`] checks every
//! field and refuses anything inconsistent with [`Error::InvalidState`]. Integers are
//! big-endian.
//!
//! | offset | length | content |
//! |---|---|---|
//! | 0 | 4 | magic `PGTD` |
//! | 4 | 1 | format version, `1` |
//! | 5 | 10 | the initial KSN with its 21-bit counter field zeroed |
//! | 15 | 4 | the counter of the next transaction (1..=0x1FFFFF, at most 10 one-bits), or 0x200000 once exhausted |
//! | 19 | 4 | bitmap of the future key registers that hold a key (bit `p` = the register of counter bit `p`, 0..=20) |
//! | 23 | 16 × n | the n registers of the bitmap, lowest bit first |
//! | 23 + 16n | 4 | CRC-32 (IEEE 802.3) of all preceding bytes |
//!
//! The bitmap must be exactly the set of registers the counter needs (the register of
//! its lowest one-bit and of each zero bit above it), so a record is 27 + 16n bytes with
//! n ≤ 21. The CRC catches accidental corruption only: the record holds clear keys and
//! must be stored sealed (encrypted and authenticated) by the caller.
//!
//! **Never reuse a counter**: persist the state returned by [`Device::save`] *after*
//! [`Device::next`] and *before* the transaction leaves the device. Restoring an older
//! record would hand out counters (and keys) again.

use core::fmt;
use core::str::FromStr;

use alloc::vec::Vec;
use zeroize::{Zeroize, Zeroizing};

use crate::cipher::{BlockCipher, DUKPT_C0_SCHEDULE};
use crate::error::{Error, Result};
use crate::key::{Algorithm, Key, KeyUsage, ModeOfUse};

/// Length of a TDES DUKPT key serial number: 59-bit initial KSN + 21-bit counter.
pub const KSN_LEN: usize = 10;

/// Length of every TDES DUKPT key (BDK, initial key, transaction and working keys).
const KEY_LEN: usize = 16;
/// Number of bits in the encryption counter, and of future key registers.
const COUNTER_BITS: u32 = 21;
/// The counter field of the KSN, in the right-most 64 bits.
const COUNTER_MASK: u64 = (1 << COUNTER_BITS) - 1;
/// One past the last counter: the value an exhausted device holds.
const COUNTER_END: u32 = 1 << COUNTER_BITS;
/// A counter with more one-bits than this is never used (X9.24-1:2009 A.2, "New Key").
const MAX_ONE_BITS: u32 = 10;
/// The key variant of A.6 (initial key, right half) and of the NRKGP.
const C0_MASK: [u8; 8] = [0xC0, 0xC0, 0xC0, 0xC0, 0, 0, 0, 0];

/// The working key a transaction key is turned into (X9.24-1:2009 A.4.1, table A-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Usage {
    /// PIN encryption (variant `00000000000000FF`), usage `P0`.
    Pin,
    /// MAC on request messages (variant `000000000000FF00`), usage `M3`.
    MacRequest,
    /// MAC on response messages (variant `00000000FF000000`), usage `M3`.
    MacResponse,
    /// Data encryption of requests (variant `0000000000FF0000` + one-way step), usage `D0`.
    DataRequest,
    /// Data encryption of responses (variant `000000FF00000000` + one-way step), usage `D0`.
    DataResponse,
}

impl Usage {
    /// Every usage, for tables and tests.
    pub const ALL: [Usage; 5] =
        [Usage::Pin, Usage::MacRequest, Usage::MacResponse, Usage::DataRequest, Usage::DataResponse];

    /// The name used across the bindings: `pin`, `mac_request`, `mac_response`, `data_request`, `data_response`.
    pub const fn name(self) -> &'static str {
        match self {
            Usage::Pin => "pin",
            Usage::MacRequest => "mac_request",
            Usage::MacResponse => "mac_response",
            Usage::DataRequest => "data_request",
            Usage::DataResponse => "data_response",
        }
    }

    /// Index of the byte (in each half) the variant XORs with `FF`.
    const fn variant_byte(self) -> usize {
        match self {
            Usage::Pin => 7,
            Usage::MacRequest => 6,
            Usage::DataRequest => 5,
            Usage::MacResponse => 4,
            Usage::DataResponse => 3,
        }
    }

    /// Usage and mode of the derived key.
    const fn attributes(self) -> (KeyUsage, ModeOfUse) {
        match self {
            Usage::Pin => (KeyUsage::PinEncryption, ModeOfUse::BothEncDec),
            Usage::MacRequest | Usage::MacResponse => (KeyUsage::MacIso9797_3, ModeOfUse::Both),
            Usage::DataRequest | Usage::DataResponse => (KeyUsage::DataEncryption, ModeOfUse::BothEncDec),
        }
    }

    const fn one_way(self) -> bool {
        matches!(self, Usage::DataRequest | Usage::DataResponse)
    }
}

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Usage {
    type Err = Error;
    /// Accepts the names of [`Usage::name`], any case.
    fn from_str(s: &str) -> Result<Self> {
        Usage::ALL.into_iter().find(|u| u.name().eq_ignore_ascii_case(s)).ok_or(Error::UnknownKeyUsage)
    }
}

// ---------------------------------------------------------------------------------------------
// KSN helpers
// ---------------------------------------------------------------------------------------------

/// A parsed KSN: its bytes and its 21-bit counter.
#[derive(Clone, Copy)]
struct Ksn {
    bytes: [u8; KSN_LEN],
    counter: u32,
}

impl Ksn {
    /// Checks the length and the counter (at most 10 one-bits).
    fn parse(ksn: &[u8]) -> Result<Self> {
        let bytes: [u8; KSN_LEN] = ksn.try_into().map_err(|_| Error::InvalidKsn("a TDES DUKPT KSN is 10 bytes"))?;
        let counter = (u32::from(bytes[7] & 0x1F) << 16) | (u32::from(bytes[8]) << 8) | u32::from(bytes[9]);
        if counter.count_ones() > MAX_ONE_BITS {
            return Err(Error::InvalidKsn("counter has more than 10 one-bits"));
        }
        Ok(Self { bytes, counter })
    }

    /// As [`Self::parse`], and the counter must name a transaction (not 0).
    fn parse_transaction(ksn: &[u8]) -> Result<Self> {
        let k = Self::parse(ksn)?;
        if k.counter == 0 {
            return Err(Error::InvalidKsn("counter 0 is the initial key's, not a transaction's"));
        }
        Ok(k)
    }

    /// The right-most 64 bits with the counter zeroed: the base of the KSN register.
    fn register_base(&self) -> u64 {
        u64::from_be_bytes([
            self.bytes[2],
            self.bytes[3],
            self.bytes[4],
            self.bytes[5],
            self.bytes[6],
            self.bytes[7],
            self.bytes[8],
            self.bytes[9],
        ]) & !COUNTER_MASK
    }

    /// The left-most 64 bits with the counter zeroed (the input of A.6).
    fn initial_key_input(&self) -> [u8; 8] {
        let mut b = [0u8; 8];
        b.copy_from_slice(&self.bytes[..8]);
        b[7] &= 0xE0;
        b
    }
}

/// The KSN with its counter field replaced by `counter` (bits above 21 ignored).
fn with_counter(base: &[u8; KSN_LEN], counter: u32) -> [u8; KSN_LEN] {
    let mut out = *base;
    let c = counter & (COUNTER_END - 1);
    out[7] = (out[7] & 0xE0) | ((c >> 16) as u8 & 0x1F);
    out[8] = (c >> 8) as u8;
    out[9] = c as u8;
    out
}

/// Binomial coefficients C(n, k) for n, k ≤ 21.
const BINOMIAL: [[u32; 22]; 22] = {
    let mut t = [[0u32; 22]; 22];
    let mut n = 0;
    while n < 22 {
        t[n][0] = 1;
        let mut k = 1;
        while k <= n {
            t[n][k] = t[n - 1][k - 1] + if k < n { t[n - 1][k] } else { 0 };
            k += 1;
        }
        n += 1;
    }
    t
};

/// How many counters `n < c` (including 0) have at most 10 one-bits; `c` ≤ 2^21.
fn usable_below(c: u32) -> u32 {
    let mut total = 0;
    let mut ones = 0u32;
    for p in (0..=COUNTER_BITS).rev() {
        if c & (1 << p) != 0 {
            // n has c's bits above p, a zero at p, anything below.
            if ones <= MAX_ONE_BITS {
                let free = MAX_ONE_BITS - ones;
                let mut j = 0;
                while j <= free && j <= p {
                    total += BINOMIAL[p as usize][j as usize];
                    j += 1;
                }
            }
            ones += 1;
        }
    }
    total
}

/// Transaction counters from `c` (included) to the end of the range that a device may use.
fn remaining_from(c: u32) -> u32 {
    if c >= COUNTER_END {
        return 0;
    }
    usable_below(COUNTER_END).saturating_sub(usable_below(c.max(1)))
}

// ---------------------------------------------------------------------------------------------
// Key derivation (stack only)
// ---------------------------------------------------------------------------------------------

fn xor8(a: &[u8; 8], b: &[u8; 8]) -> [u8; 8] {
    let mut out = [0u8; 8];
    for ((o, x), y) in out.iter_mut().zip(a).zip(b) {
        *o = x ^ y;
    }
    out
}

fn halves(key: &[u8; KEY_LEN]) -> Zeroizing<([u8; 8], [u8; 8])> {
    let mut l = [0u8; 8];
    let mut r = [0u8; 8];
    l.copy_from_slice(&key[..8]);
    r.copy_from_slice(&key[8..]);
    Zeroizing::new((l, r))
}

/// One single-DES step of the NRKGP: `E_{kl}(reg ⊕ kr) ⊕ kr`, `cipher` holding `kl`.
fn des_step(cipher: &BlockCipher, kr: &[u8; 8], reg: &[u8; 8]) -> Result<[u8; 8]> {
    let mut block = xor8(reg, kr);
    cipher.encrypt_block(&mut block)?;
    Ok(xor8(&block, kr))
}

/// The `C0C0C0C000000000` variant of a DES or TDES key's cipher, from its schedule.
fn c0_variant(cipher: &BlockCipher) -> Result<BlockCipher> {
    cipher.des_xor_masked(&DUKPT_C0_SCHEDULE).ok_or(Error::InvalidArgument("not a DES or TDES key"))
}

/// X9.24-1:2009 A.2 "Non-reversible Key Generation Process" for a double-length key:
/// Crypto Register-2 = the step under the key, Crypto Register-1 = the step under the key
/// XOR `C0C0C0C000000000C0C0C0C000000000`; the new key is CR-1 ‖ CR-2. The variant's DES
/// schedule is derived from the key's (one key schedule per step, not two).
fn nrkgp(key: &mut [u8; KEY_LEN], register: u64) -> Result<()> {
    let reg = register.to_be_bytes();
    let h = halves(key);
    let (kl, kr) = (&h.0, &h.1);
    let cipher = BlockCipher::new(Algorithm::Des, kl)?;
    let right = Zeroizing::new(des_step(&cipher, kr, &reg)?);
    let vr = Zeroizing::new(xor8(kr, &C0_MASK));
    let left = Zeroizing::new(des_step(&c0_variant(&cipher)?, &vr, &reg)?);
    key[..8].copy_from_slice(&*left);
    key[8..].copy_from_slice(&*right);
    Ok(())
}

/// X9.24-1:2009 A.6: the initial key from a BDK and a KSN.
fn initial_key(bdk: &Key, ksn: &Ksn) -> Result<Zeroizing<[u8; KEY_LEN]>> {
    let input = ksn.initial_key_input();
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    let mut left = input;
    bdk.cipher()?.encrypt_block(&mut left)?;
    let mut right = input;
    c0_variant(bdk.cipher()?)?.encrypt_block(&mut right)?;
    out[..8].copy_from_slice(&left);
    out[8..].copy_from_slice(&right);
    left.zeroize();
    right.zeroize();
    Ok(out)
}

/// X9.24-1:2009 A.3 (host side): from the initial key, one NRKGP per one-bit of the
/// counter, left to right, each with the KSN register holding the bits set so far.
fn transaction_key(initial: &[u8; KEY_LEN], ksn: &Ksn) -> Result<Zeroizing<[u8; KEY_LEN]>> {
    let mut key = Zeroizing::new(*initial);
    let mut register = ksn.register_base();
    for p in (0..COUNTER_BITS).rev() {
        let bit = 1u64 << p;
        if u64::from(ksn.counter) & bit != 0 {
            register |= bit;
            nrkgp(&mut key, register)?;
        }
    }
    Ok(key)
}

/// The working key of `usage` from a transaction key, as a [`Key`] with its attributes.
fn working_key(txn: &[u8; KEY_LEN], usage: Usage) -> Result<Key> {
    let mut k = Zeroizing::new(*txn);
    let i = usage.variant_byte();
    k[i] ^= 0xFF;
    k[8 + i] ^= 0xFF;
    if usage.one_way() {
        let cipher = BlockCipher::new(Algorithm::Tdes, &*k)?;
        let (l, r) = k.split_at_mut(8);
        cipher.encrypt_block(l)?;
        cipher.encrypt_block(r)?;
    }
    let (key_usage, mode) = usage.attributes();
    Key::with_mode(Algorithm::Tdes, key_usage, mode, &*k)
}

/// Checks that `key` is a double-length TDES key of `usage` with a derive mode.
fn check_derivation_key(key: &Key, usage: KeyUsage, operation: &'static str) -> Result<()> {
    key.require(usage, &[ModeOfUse::Derive, ModeOfUse::NoRestriction], operation)?;
    if key.algorithm() != Algorithm::Tdes || key.len() != KEY_LEN {
        return Err(Error::KeyAlgorithm { needed: "double-length (2-key) TDES", actual: key.algorithm(), operation });
    }
    Ok(())
}

fn ipek_material(ipek: &Key) -> Result<[u8; KEY_LEN]> {
    check_derivation_key(ipek, KeyUsage::DukptInitialKey, "derive TDES DUKPT transaction keys")?;
    ipek.material().try_into().map_err(|_| Error::InvalidKeyLength { algorithm: Algorithm::Tdes, len: ipek.len() })
}

// ---------------------------------------------------------------------------------------------
// Host side
// ---------------------------------------------------------------------------------------------

/// The initial key (IPEK) of the device whose KSN is `ksn` (X9.24-1:2009 A.6). The
/// counter field of `ksn` is ignored (masked to zero).
///
/// `bdk` must be a double-length TDES key of usage `B0` (mode `X` or `N`); the result is
/// a TDES key of usage `B1`, mode `X`, to be injected into the device.
pub fn derive_ipek(bdk: &Key, ksn: &[u8]) -> Result<Key> {
    check_derivation_key(bdk, KeyUsage::Bdk, "derive TDES DUKPT initial keys")?;
    let ksn = Ksn::parse(ksn)?;
    let ik = initial_key(bdk, &ksn)?;
    Key::with_mode(Algorithm::Tdes, KeyUsage::DukptInitialKey, ModeOfUse::Derive, &*ik)
}

/// The working key of `usage` for the transaction whose KSN is `ksn`, from the BDK:
/// what a host needs to decrypt a PIN block or check a MAC from a DUKPT device.
///
/// Fails with [`Error::InvalidKsn`] on a KSN that is not 10 bytes, a counter of 0 or a
/// counter with more than 10 one-bits.
pub fn derive_key(bdk: &Key, ksn: &[u8], usage: Usage) -> Result<Key> {
    check_derivation_key(bdk, KeyUsage::Bdk, "derive TDES DUKPT keys")?;
    let ksn = Ksn::parse_transaction(ksn)?;
    let ik = initial_key(bdk, &ksn)?;
    let txn = transaction_key(&ik, &ksn)?;
    working_key(&txn, usage)
}

/// As [`derive_key`], from the device's initial key (usage `B1`) instead of the BDK.
pub fn derive_key_from_ipek(ipek: &Key, ksn: &[u8], usage: Usage) -> Result<Key> {
    let ik = Zeroizing::new(ipek_material(ipek)?);
    let ksn = Ksn::parse_transaction(ksn)?;
    let txn = transaction_key(&ik, &ksn)?;
    working_key(&txn, usage)
}

// ---------------------------------------------------------------------------------------------
// Device side
// ---------------------------------------------------------------------------------------------

/// Future key registers, indexed by counter bit (register `p` belongs to bit `2^p`;
/// X9.24-1 numbers them the other way round: its register #1 is bit 20, #21 is bit 0).
#[derive(Zeroize)]
struct Registers {
    keys: [[u8; KEY_LEN]; COUNTER_BITS as usize],
    /// Bit `p` set when register `p` holds a key.
    valid: u32,
}

impl Registers {
    fn empty() -> Self {
        Self { keys: [[0; KEY_LEN]; COUNTER_BITS as usize], valid: 0 }
    }

    fn set(&mut self, p: u32, key: &[u8; KEY_LEN]) {
        if let Some(slot) = self.keys.get_mut(p as usize) {
            *slot = *key;
            self.valid |= 1 << p;
        }
    }

    fn get(&self, p: u32) -> Result<Zeroizing<[u8; KEY_LEN]>> {
        match self.keys.get(p as usize) {
            Some(k) if self.valid & (1 << p) != 0 => Ok(Zeroizing::new(*k)),
            _ => Err(Error::InvalidState("future key register is empty")),
        }
    }

    fn erase(&mut self, p: u32) {
        if let Some(slot) = self.keys.get_mut(p as usize) {
            slot.zeroize();
        }
        self.valid &= !(1u32 << p);
    }
}

/// The registers a device at counter `c` holds: that of `c`'s lowest one-bit and of every
/// zero bit above it. Empty for an exhausted device.
fn expected_registers(c: u32) -> u32 {
    if c == 0 || c >= COUNTER_END {
        return 0;
    }
    let low = c & c.wrapping_neg();
    let above = !c & (COUNTER_END - 1) & !(low | (low - 1));
    low | above
}

/// A DUKPT originating device (X9.24-1:2009 A.2): the PIN pad side.
///
/// It holds the future key registers and the encryption counter. Each [`Device::next`]
/// hands out the next transaction's KSN and key, then runs "New Key": it derives the
/// registers below the used one, erases the used key and advances the counter, skipping
/// counters with more than 10 one-bits. Not `Clone`: two copies would reuse counters.
pub struct Device {
    /// The initial KSN with its counter field zeroed.
    base: [u8; KSN_LEN],
    /// The counter of the next transaction; `COUNTER_END` once exhausted.
    counter: u32,
    registers: Registers,
}

impl Drop for Device {
    fn drop(&mut self) {
        self.registers.zeroize();
    }
}

impl zeroize::ZeroizeOnDrop for Device {}

impl fmt::Debug for Device {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Device")
            .field("ksn", &Hex(&self.ksn()))
            .field("remaining", &self.remaining())
            .field("registers", &"<redacted>")
            .finish()
    }
}

/// Upper-case hex for KSNs in `Debug` output (a KSN is not secret).
struct Hex<'a>(&'a [u8]);

impl fmt::Debug for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02X}"))
    }
}

const STATE_MAGIC: &[u8; 4] = b"PGTD";
const STATE_VERSION: u8 = 1;
const STATE_HEADER: usize = 23;

/// The largest saved state [`Device::save`] produces: header, 21 registers, CRC.
pub const STATE_MAX_LEN: usize = STATE_HEADER + KEY_LEN * COUNTER_BITS as usize + 4;

impl Device {
    /// Loads a device with its initial key (usage `B1`, double-length TDES) and KSN.
    ///
    /// With a counter of 0 in `ksn` (the usual "Load Initial Key" of A.2) the first
    /// transaction uses counter 1. A non-zero counter resumes the device at that counter:
    /// the next transaction uses exactly `ksn` (it must have at most 10 one-bits).
    pub fn new(ipek: &Key, ksn: &[u8]) -> Result<Self> {
        let ik = Zeroizing::new(ipek_material(ipek)?);
        let ksn = Ksn::parse(ksn)?;
        let counter = ksn.counter.max(1);
        let mut registers = Registers::empty();
        // Walk the counter's bits from the left, as the host does, and keep the key of
        // every register the counter needs (see `expected_registers`).
        let needed = expected_registers(counter);
        let low = counter.trailing_zeros();
        let mut prefix_key = Zeroizing::new(*ik);
        let mut prefix_reg = ksn.register_base();
        for p in (low..COUNTER_BITS).rev() {
            let bit = 1u64 << p;
            if counter & (1 << p) != 0 {
                prefix_reg |= bit;
                nrkgp(&mut prefix_key, prefix_reg)?;
                if p == low {
                    registers.set(p, &prefix_key);
                }
            } else if needed & (1 << p) != 0 {
                let mut k = Zeroizing::new(*prefix_key);
                nrkgp(&mut k, prefix_reg | bit)?;
                registers.set(p, &k);
            }
        }
        Ok(Self { base: with_counter(&ksn.bytes, 0), counter, registers })
    }

    /// The KSN the next transaction will use. Once the device is exhausted
    /// ([`Device::remaining`] is 0) its counter field reads 0, which no transaction uses.
    pub fn ksn(&self) -> [u8; KSN_LEN] {
        with_counter(&self.base, if self.counter >= COUNTER_END { 0 } else { self.counter })
    }

    /// How many transactions the device can still run (at most 1 048 575).
    pub fn remaining(&self) -> u32 {
        remaining_from(self.counter)
    }

    /// Runs the next transaction: returns its KSN and key, then erases that key and
    /// advances the counter ("Request PIN Entry" then "New Key" of X9.24-1:2009 A.2).
    ///
    /// Fails with [`Error::DukptExhausted`] once every counter has been used.
    // Not an `Iterator`: each step can fail, and exhaustion is an error, not an end.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Transaction> {
        let c = self.counter;
        if c == 0 || c >= COUNTER_END {
            return Err(Error::DukptExhausted);
        }
        let low = c.trailing_zeros();
        let key = self.registers.get(low)?;
        let ksn = self.ksn();
        // "New Key": fill the registers below the current one unless the counter already
        // has 10 one-bits, erase the current key, advance (skipping >10-bit counters).
        if c.count_ones() < MAX_ONE_BITS {
            let base = u64::from_be_bytes([
                self.base[2],
                self.base[3],
                self.base[4],
                self.base[5],
                self.base[6],
                self.base[7],
                self.base[8],
                self.base[9],
            ]) | u64::from(c);
            for p in (0..low).rev() {
                let mut k = Zeroizing::new(*key);
                nrkgp(&mut k, base | (1u64 << p))?;
                self.registers.set(p, &k);
            }
            self.counter = c + 1;
        } else {
            self.counter = c + (1 << low);
        }
        self.registers.erase(low);
        Ok(Transaction { ksn, key })
    }

    /// The device's state, to be stored (sealed) by the caller and given back to
    /// [`Device::restore`] after a restart; at most [`STATE_MAX_LEN`] bytes, wiped on drop.
    /// See the module documentation for the format.
    pub fn save(&self) -> Zeroizing<Vec<u8>> {
        let n = self.registers.valid.count_ones() as usize;
        let mut out = Zeroizing::new(Vec::with_capacity(STATE_HEADER + KEY_LEN * n + 4));
        out.extend_from_slice(STATE_MAGIC);
        out.push(STATE_VERSION);
        out.extend_from_slice(&self.base);
        out.extend_from_slice(&self.counter.to_be_bytes());
        out.extend_from_slice(&self.registers.valid.to_be_bytes());
        for (p, key) in self.registers.keys.iter().enumerate() {
            if self.registers.valid & (1 << p) != 0 {
                out.extend_from_slice(key);
            }
        }
        let crc = crc32(&out);
        out.extend_from_slice(&crc.to_be_bytes());
        out
    }

    /// A device from the record of [`Device::save`]. Every field is checked (magic,
    /// version, length, CRC, counter, register set); any mismatch is
    /// [`Error::InvalidState`].
    pub fn restore(state: &[u8]) -> Result<Self> {
        let (body, crc) = match state.len().checked_sub(4) {
            Some(n) if n >= STATE_HEADER => state.split_at(n),
            _ => return Err(Error::InvalidState("TDES DUKPT state is too short")),
        };
        if body.get(..4) != Some(&STATE_MAGIC[..]) {
            return Err(Error::InvalidState("not a TDES DUKPT device state"));
        }
        if body.get(4) != Some(&STATE_VERSION) {
            return Err(Error::InvalidState("unsupported TDES DUKPT state version"));
        }
        if crc32(body).to_be_bytes() != crc {
            return Err(Error::InvalidState("TDES DUKPT state checksum mismatch"));
        }
        let field = |at: usize| -> Result<u32> {
            body.get(at..at + 4)
                .and_then(|b| b.try_into().ok())
                .map(u32::from_be_bytes)
                .ok_or(Error::InvalidState("TDES DUKPT state is too short"))
        };
        let base: [u8; KSN_LEN] = body
            .get(5..15)
            .and_then(|b| b.try_into().ok())
            .ok_or(Error::InvalidState("TDES DUKPT state is too short"))?;
        if with_counter(&base, 0) != base {
            return Err(Error::InvalidState("initial KSN has a non-zero counter"));
        }
        let counter = field(15)?;
        let valid = field(19)?;
        let exhausted = counter == COUNTER_END;
        if counter == 0 || counter > COUNTER_END || (!exhausted && counter.count_ones() > MAX_ONE_BITS) {
            return Err(Error::InvalidState("invalid transaction counter"));
        }
        if valid != expected_registers(counter) {
            return Err(Error::InvalidState("future key registers do not match the counter"));
        }
        let keys = body.get(STATE_HEADER..).unwrap_or_default();
        if keys.len() != KEY_LEN * valid.count_ones() as usize {
            return Err(Error::InvalidState("wrong length for the future key registers"));
        }
        let mut registers = Registers::empty();
        let mut chunks = keys.chunks_exact(KEY_LEN);
        for p in 0..COUNTER_BITS {
            if valid & (1 << p) != 0 {
                let key: [u8; KEY_LEN] = chunks
                    .next()
                    .and_then(|k| k.try_into().ok())
                    .ok_or(Error::InvalidState("wrong length for the future key registers"))?;
                let key = Zeroizing::new(key);
                registers.set(p, &key);
            }
        }
        Ok(Self { base, counter, registers })
    }
}

/// One transaction of a [`Device`]: its KSN and its transaction key (wiped on drop).
pub struct Transaction {
    ksn: [u8; KSN_LEN],
    key: Zeroizing<[u8; KEY_LEN]>,
}

impl Transaction {
    /// The KSN to send with the transaction.
    pub fn ksn(&self) -> [u8; KSN_LEN] {
        self.ksn
    }

    /// The working key of `usage` for this transaction (same attributes as [`derive_key`]).
    pub fn key(&self, usage: Usage) -> Result<Key> {
        working_key(&self.key, usage)
    }
}

impl fmt::Debug for Transaction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transaction").field("ksn", &Hex(&self.ksn)).field("key", &"<redacted>").finish()
    }
}

/// CRC-32 (IEEE 802.3, reflected, as zlib): the self-check of a saved state.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pin::{self, PinFormat};
    use alloc::format;
    use alloc::vec;
    use rand_chacha::ChaCha20Rng;
    use rand_core::SeedableRng;

    // ANSI X9.24-1:2009 Annex A.4 test data: BDK, initial KSN and the initial key (IPEK).
    const BDK: &str = "0123456789ABCDEFFEDCBA9876543210";
    const IKSN: &str = "FFFF9876543210E00000";
    const IPEK: &str = "6AC292FAA1315B4D858AB3A3D7D5933A";

    fn unhex(s: &str) -> Vec<u8> {
        hex::decode(s).unwrap()
    }

    fn bdk() -> Key {
        Key::new(Algorithm::Tdes, KeyUsage::Bdk, &unhex(BDK)).unwrap()
    }

    fn ipek() -> Key {
        Key::new(Algorithm::Tdes, KeyUsage::DukptInitialKey, &unhex(IPEK)).unwrap()
    }

    fn ksn_with(counter: u32) -> [u8; KSN_LEN] {
        with_counter(&unhex(IKSN).try_into().unwrap(), counter)
    }

    fn counter_of(ksn: &[u8; KSN_LEN]) -> u32 {
        Ksn::parse(ksn).unwrap().counter
    }

    fn material(k: &Key) -> Vec<u8> {
        k.export_clear().expose().to_vec()
    }

    /// X9.24-1:2009 A.4: initial key, and the transaction key (042666B49184CFA368DE9628D0397BC9)
    /// and PIN key of KSN FFFF9876543210E00001 (A.4.2).
    #[test]
    fn annex_a4_initial_key_and_first_transaction() {
        let ik = derive_ipek(&bdk(), &unhex(IKSN)).unwrap();
        assert_eq!(material(&ik), unhex(IPEK));
        assert_eq!((ik.usage(), ik.mode()), (KeyUsage::DukptInitialKey, ModeOfUse::Derive));
        let ksn = unhex("FFFF9876543210E00001");
        let pin = derive_key(&bdk(), &ksn, Usage::Pin).unwrap();
        assert_eq!(material(&pin), unhex("042666B49184CF5C68DE9628D0397B36"));
        let mut dev = Device::new(&ipek(), &unhex(IKSN)).unwrap();
        let t = dev.next().unwrap();
        assert_eq!(t.ksn().to_vec(), ksn);
        assert_eq!(t.key(Usage::Pin).unwrap(), pin);
    }

    fn assert_agree(t: &Transaction, all_usages: bool) {
        let usages: &[Usage] = if all_usages { &Usage::ALL } else { &[Usage::Pin] };
        for &u in usages {
            let host = if all_usages {
                derive_key(&bdk(), &t.ksn(), u).unwrap()
            } else {
                derive_key_from_ipek(&ipek(), &t.ksn(), u).unwrap()
            };
            assert_eq!(t.key(u).unwrap(), host, "{:?} {u}", t.ksn());
        }
    }

    /// The device (A.2) and the host (A.3) agree on every key, across save/restore.
    #[test]
    fn device_and_host_agree_over_consecutive_transactions() {
        let mut dev = Device::new(&ipek(), &unhex(IKSN)).unwrap();
        assert_eq!(dev.remaining(), 1_048_575);
        let mut last = 0;
        for i in 0..3000u32 {
            if i % 500 == 250 {
                let saved = dev.save();
                dev = Device::restore(&saved).unwrap();
            }
            let before = dev.remaining();
            let ksn = dev.ksn();
            let t = dev.next().unwrap();
            assert_eq!(t.ksn(), ksn);
            assert_eq!(dev.remaining(), before - 1);
            let c = counter_of(&t.ksn());
            assert!(c > last && c.count_ones() <= 10);
            last = c;
            assert_agree(&t, i % 97 == 0);
        }
        // 3000 transactions, and 0x7FF (2047, eleven one-bits) was skipped.
        assert_eq!(last, 3001);
    }

    /// Counters with 8 to 10 one-bits: the device skips the >10-bit ones and still agrees.
    #[test]
    fn device_skips_counters_with_more_than_ten_one_bits() {
        for start in [0x0FF000u32, 0x0AAA00, 0x1F8000] {
            let mut dev = Device::new(&ipek(), &ksn_with(start)).unwrap();
            assert_eq!(counter_of(&dev.ksn()), start);
            let mut last = 0;
            for i in 0..600 {
                if i == 300 {
                    dev = Device::restore(&dev.save()).unwrap();
                }
                let t = dev.next().unwrap();
                let c = counter_of(&t.ksn());
                assert!(c > last && c.count_ones() <= 10, "{c:#x}");
                // no usable counter was skipped
                assert_eq!(remaining_from(last.max(start)) - remaining_from(c), u32::from(last != 0));
                last = c;
                assert_agree(&t, i % 50 == 0);
            }
        }
    }

    #[test]
    fn exhaustion() {
        // Bits 12..20 set: 0x1FF000 itself and the 12 counters with one more bit are left.
        let mut dev = Device::new(&ipek(), &ksn_with(0x1FF000)).unwrap();
        assert_eq!(dev.remaining(), 13);
        for _ in 0..13 {
            let t = dev.next().unwrap();
            assert_agree(&t, true);
        }
        assert_eq!(counter_of(&dev.ksn()), 0);
        assert_eq!(dev.remaining(), 0);
        assert_eq!(dev.next().unwrap_err(), Error::DukptExhausted);
        let saved = dev.save();
        assert_eq!(saved.len(), 27);
        let mut again = Device::restore(&saved).unwrap();
        assert_eq!(again.next().unwrap_err(), Error::DukptExhausted);

        // The last usable counter.
        let mut dev = Device::new(&ipek(), &ksn_with(0x1FF800)).unwrap();
        assert_eq!(dev.remaining(), 1);
        assert_agree(&dev.next().unwrap(), true);
        assert_eq!(dev.next().unwrap_err().code(), 61);
    }

    #[test]
    fn remaining_matches_a_brute_force_count() {
        // suffix[c] = usable counters >= c, computed by brute force at the sample points.
        let samples = [1u32, 2, 3, 0x3FF, 0x7FF, 0x400, 0x0FF800, 0x100000, 0x155555, 0x1FF800, 0x1FFFFF];
        let mut counted = vec![0u32; samples.len()];
        for n in 1..COUNTER_END {
            if n.count_ones() <= 10 {
                for (s, c) in samples.iter().zip(counted.iter_mut()) {
                    if n >= *s {
                        *c += 1;
                    }
                }
            }
        }
        for (s, c) in samples.iter().zip(counted) {
            assert_eq!(remaining_from(*s), c, "{s:#x}");
        }
        assert_eq!(remaining_from(0), 1_048_575);
        assert_eq!(remaining_from(COUNTER_END), 0);
    }

    #[test]
    fn bad_ksns_are_typed_errors() {
        let (b, i) = (bdk(), ipek());
        for len in [0usize, 9, 11, 12] {
            let ksn = vec![0xFFu8; len];
            assert!(matches!(derive_ipek(&b, &ksn), Err(Error::InvalidKsn(_))));
            assert!(matches!(derive_key(&b, &ksn, Usage::Pin), Err(Error::InvalidKsn(_))));
            assert!(matches!(derive_key_from_ipek(&i, &ksn, Usage::Pin), Err(Error::InvalidKsn(_))));
            assert!(matches!(Device::new(&i, &ksn), Err(Error::InvalidKsn(_))));
        }
        // 11 one-bits in the counter.
        let eleven = ksn_with(0x0007FF);
        assert!(matches!(derive_ipek(&b, &eleven), Err(Error::InvalidKsn(_))));
        assert!(matches!(derive_key(&b, &eleven, Usage::Pin), Err(Error::InvalidKsn(_))));
        assert!(matches!(derive_key_from_ipek(&i, &eleven, Usage::MacRequest), Err(Error::InvalidKsn(_))));
        assert!(matches!(Device::new(&i, &eleven), Err(Error::InvalidKsn(_))));
        assert!(matches!(Device::new(&i, &ksn_with(0x1FFFFF)), Err(Error::InvalidKsn(_))));
        // Counter 0: the initial key's KSN, no transaction key.
        let zero = ksn_with(0);
        assert!(matches!(derive_key(&b, &zero, Usage::Pin), Err(Error::InvalidKsn(_))));
        assert!(matches!(derive_key_from_ipek(&i, &zero, Usage::Pin), Err(Error::InvalidKsn(_))));
        assert!(derive_ipek(&b, &zero).is_ok());
        // The counter is ignored by the initial key derivation.
        assert_eq!(derive_ipek(&b, &ksn_with(0x1FF800)).unwrap(), derive_ipek(&b, &zero).unwrap());
    }

    #[test]
    fn wrong_keys_are_refused() {
        let k = unhex(BDK);
        let ksn = ksn_with(1);
        let pin_key = Key::new(Algorithm::Tdes, KeyUsage::PinEncryption, &k).unwrap();
        assert!(matches!(derive_ipek(&pin_key, &ksn), Err(Error::KeyUsage { .. })));
        assert!(matches!(derive_key(&ipek(), &ksn, Usage::Pin), Err(Error::KeyUsage { .. })));
        assert!(matches!(derive_key_from_ipek(&bdk(), &ksn, Usage::Pin), Err(Error::KeyUsage { .. })));
        assert!(matches!(Device::new(&bdk(), &ksn), Err(Error::KeyUsage { .. })));
        let aes = Key::new(Algorithm::Aes, KeyUsage::Bdk, &k).unwrap();
        assert!(matches!(derive_key(&aes, &ksn, Usage::Pin), Err(Error::KeyAlgorithm { .. })));
        let mut k3 = k.clone();
        k3.extend_from_slice(&[0x5A; 8]);
        let tdes3 = Key::new(Algorithm::Tdes, KeyUsage::Bdk, &k3).unwrap();
        assert!(matches!(derive_ipek(&tdes3, &ksn), Err(Error::KeyAlgorithm { .. })));
        let ipek3 = Key::new(Algorithm::Tdes, KeyUsage::DukptInitialKey, &k3).unwrap();
        assert!(matches!(Device::new(&ipek3, &ksn), Err(Error::KeyAlgorithm { .. })));
        let bdk_n = Key::with_mode(Algorithm::Tdes, KeyUsage::Bdk, ModeOfUse::NoRestriction, &k).unwrap();
        assert!(derive_key(&bdk_n, &ksn, Usage::Pin).is_ok());
    }

    #[test]
    fn derived_keys_carry_usage() {
        let ksn = unhex("FFFF9876543210E00001");
        let mut rng = ChaCha20Rng::seed_from_u64(1);
        for u in Usage::ALL {
            let k = derive_key(&bdk(), &ksn, u).unwrap();
            assert_eq!((k.usage(), k.mode()), u.attributes());
            assert_eq!(k.kind(), "TDES-2key");
            let r = pin::encrypt("1234", Some("4012345678909"), &k, PinFormat::Iso0, &mut rng);
            if u == Usage::Pin {
                // X9.24-1:2009 A.4.2: the encrypted PIN block of KSN ...E00001.
                assert_eq!(r.unwrap().as_bytes().to_vec(), unhex("1B9C1845EB993A7A"));
            } else {
                assert!(matches!(r, Err(Error::KeyUsage { .. })), "{u}");
            }
        }
    }

    #[test]
    fn corrupted_state_is_refused() {
        let mut dev = Device::new(&ipek(), &unhex(IKSN)).unwrap();
        for _ in 0..5 {
            dev.next().unwrap();
        }
        let saved = dev.save().to_vec();
        assert_eq!(saved.len(), 27 + 16 * expected_registers(6).count_ones() as usize);
        let restored = Device::restore(&saved).unwrap();
        assert_eq!((restored.ksn(), restored.remaining()), (dev.ksn(), dev.remaining()));
        for i in 0..saved.len() {
            for bit in 0..8 {
                let mut s = saved.to_vec();
                s[i] ^= 1 << bit;
                assert!(matches!(Device::restore(&s), Err(Error::InvalidState(_))), "byte {i} bit {bit}");
            }
        }
        for len in 0..saved.len() {
            assert!(matches!(Device::restore(&saved[..len]), Err(Error::InvalidState(_))));
        }
        let mut longer = saved.to_vec();
        longer.push(0);
        assert!(matches!(Device::restore(&longer), Err(Error::InvalidState(_))));

        // Consistent checksum, inconsistent content.
        type Edit = dyn Fn(&mut Vec<u8>);
        let reseal = |edit: &Edit| {
            let mut s = saved[..saved.len() - 4].to_vec();
            edit(&mut s);
            let crc = crc32(&s);
            s.extend_from_slice(&crc.to_be_bytes());
            Device::restore(&s)
        };
        assert!(reseal(&|_| {}).is_ok());
        let bad: [&Edit; 8] = [
            &|s| s[4] = 2,                                           // version
            &|s| s[14] |= 1,                                         // counter bits in the base KSN
            &|s| s[15..19].copy_from_slice(&0u32.to_be_bytes()),     // counter 0
            &|s| s[15..19].copy_from_slice(&0x7FFu32.to_be_bytes()), // 11 one-bits
            &|s| s[15..19].copy_from_slice(&0x200001u32.to_be_bytes()),
            &|s| s[15..19].copy_from_slice(&7u32.to_be_bytes()), // registers do not fit
            &|s| s[22] ^= 0x80,                                  // bitmap
            &|s| s.truncate(s.len() - 16),                       // a register missing
        ];
        for (i, edit) in bad.iter().enumerate() {
            assert!(matches!(reseal(edit), Err(Error::InvalidState(_))), "case {i}");
        }
    }

    #[test]
    fn debug_output_is_redacted() {
        let mut dev = Device::new(&ipek(), &unhex(IKSN)).unwrap();
        let t = dev.next().unwrap();
        let (d, tx) = (format!("{dev:?}"), format!("{t:?}"));
        assert!(d.contains("FFFF9876543210E00002") && d.contains("redacted"), "{d}");
        assert!(tx.contains("FFFF9876543210E00001") && tx.contains("redacted"), "{tx}");
        let key_hex = "042666B49184CFA368DE9628D0397BC9";
        for s in [&d, &tx] {
            assert!(!s.contains(&key_hex[..8]) && !s.to_lowercase().contains(&key_hex[..8].to_lowercase()));
        }
    }

    #[test]
    fn usage_names_round_trip() {
        for u in Usage::ALL {
            assert_eq!(u.name().parse::<Usage>().unwrap(), u);
            assert_eq!(u.name().to_uppercase().parse::<Usage>().unwrap(), u);
        }
        assert!(matches!("kek".parse::<Usage>(), Err(Error::UnknownKeyUsage)));
    }

    /// The CRC-32 check value of the CRC catalogue (Williams / Greg Cook's "CRC-32/ISO-HDLC"): "123456789" -> CBF43926.
    #[test]
    fn crc32_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}
