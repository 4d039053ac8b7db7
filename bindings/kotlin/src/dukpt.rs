//! DUKPT, host side and device side: ANSI X9.24-1:2009 TDES DUKPT
//! (`posguard::dukpt::tdes`) and ANSI X9.24-3:2017 AES DUKPT
//! (`posguard::dukpt::aes`).
//!
//! Usages and key types are the core's names (`pin`, `mac_request`,
//! `data_both`, `aes128`…). A device is a uniffi object, so Kotlin may call it
//! from any thread: its registers sit behind a `Mutex`, and each `next`
//! hands out one counter exactly once.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use posguard::dukpt::{aes, tdes};
use zeroize::Zeroizing;

use crate::{Key, Result};

/// Locks a device. No code panics while holding the lock, so a poisoned lock
/// still guards a consistent device.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Upper-case hex of a KSN (not secret) for `toString()`.
struct Hex<'a>(&'a [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02X}"))
    }
}

/// One transaction of a DUKPT device: the KSN to send with it and the working key it asked for.
#[derive(uniffi::Record)]
pub struct DukptTransactionKey {
    /// The transaction's KSN (10 bytes TDES, 12 bytes AES), sent to the host so it derives the same key.
    pub ksn: Vec<u8>,
    /// The working key, with the usage and mode of use of its DUKPT usage.
    pub key: Arc<Key>,
}

fn key(k: posguard::Key) -> Arc<Key> {
    Arc::new(Key(k))
}

// ---------------------------------------------------------------------------------------------
// TDES DUKPT
// ---------------------------------------------------------------------------------------------

/// TDES DUKPT: the initial key (IPEK; usage `B1`, mode `X`) of the device
/// whose initial KSN is `ksn` (10 bytes; its counter is ignored), from the
/// BDK (double-length TDES, usage `B0`).
#[uniffi::export]
pub fn dukpt_tdes_derive_ipek(bdk: &Key, ksn: Vec<u8>) -> Result<Arc<Key>> {
    Ok(key(tdes::derive_ipek(&bdk.0, &ksn)?))
}

/// TDES DUKPT host side: the working key of `usage` (`pin`, `mac_request`,
/// `mac_response`, `data_request`, `data_response`) for the transaction whose
/// KSN is `ksn`, from the BDK. PIN keys are `P0`, MAC keys `M3` (retail MAC),
/// data keys `D0`. Throws `PosguardException.InvalidKsn` on a KSN that is not
/// 10 bytes, a counter of 0 or a counter with more than 10 one-bits.
#[uniffi::export]
pub fn dukpt_tdes_derive_key(bdk: &Key, ksn: Vec<u8>, usage: String) -> Result<Arc<Key>> {
    Ok(key(tdes::derive_key(&bdk.0, &ksn, usage.parse()?)?))
}

/// TDES DUKPT: as `dukptTdesDeriveKey`, from the device's initial key (usage `B1`).
#[uniffi::export]
pub fn dukpt_tdes_derive_key_from_ipek(ipek: &Key, ksn: Vec<u8>, usage: String) -> Result<Arc<Key>> {
    Ok(key(tdes::derive_key_from_ipek(&ipek.0, &ksn, usage.parse()?)?))
}

/// A TDES DUKPT originating device (PIN pad): future key registers and the
/// encryption counter (ANSI X9.24-1:2009). The registers stay in native memory
/// and are wiped when the device is closed or collected. Persist `save()` after
/// every `next` and before the transaction leaves the device, so a power cut
/// never reuses a counter.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct DukptTdesDevice(Mutex<tdes::Device>);

impl fmt::Display for DukptTdesDevice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = lock(&self.0);
        write!(f, "DukptTdesDevice {{ ksn: {}, remaining: {} }}", Hex(&d.ksn()), d.remaining())
    }
}

#[uniffi::export]
impl DukptTdesDevice {
    /// Loads a device with its initial key (usage `B1`) and 10-byte KSN. A
    /// counter of 0 starts at counter 1; a non-zero counter resumes there.
    #[uniffi::constructor]
    pub fn new(ipek: &Key, ksn: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(Mutex::new(tdes::Device::new(&ipek.0, &ksn)?))))
    }

    /// A device from the bytes of `save()`. Throws `PosguardException.InvalidState`
    /// on anything malformed or inconsistent.
    #[uniffi::constructor]
    pub fn restore(state: Vec<u8>) -> Result<Arc<Self>> {
        let state = Zeroizing::new(state);
        Ok(Arc::new(Self(Mutex::new(tdes::Device::restore(&state)?))))
    }

    /// The KSN the next transaction will use (counter 0 once exhausted).
    pub fn ksn(&self) -> Vec<u8> {
        lock(&self.0).ksn().to_vec()
    }

    /// How many transactions are left.
    pub fn remaining(&self) -> u32 {
        lock(&self.0).remaining()
    }

    /// Runs the next transaction: its KSN and its working key of `usage`, then
    /// advances the counter. Throws `PosguardException.DukptExhausted` when no
    /// counter is left.
    pub fn next(&self, usage: String) -> Result<DukptTransactionKey> {
        let usage: tdes::Usage = usage.parse()?;
        // Parse first: a bad usage must not use up a counter.
        let txn = lock(&self.0).next()?;
        Ok(DukptTransactionKey { ksn: txn.ksn().to_vec(), key: key(txn.key(usage)?) })
    }

    /// Runs the next transaction and keeps its transaction key, for several
    /// working keys (PIN and MAC) under the same KSN. Throws
    /// `PosguardException.DukptExhausted` when no counter is left.
    pub fn next_transaction(&self) -> Result<Arc<DukptTdesTransaction>> {
        Ok(Arc::new(DukptTdesTransaction(lock(&self.0).next()?)))
    }

    /// The device state for `restore`. It holds the future keys in clear:
    /// store it sealed, and wipe this array once stored.
    pub fn save(&self) -> Vec<u8> {
        lock(&self.0).save().to_vec()
    }
}

/// One TDES DUKPT transaction: its KSN and its transaction key, which stays
/// native and is wiped when the object is closed or collected.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct DukptTdesTransaction(tdes::Transaction);

impl fmt::Display for DukptTdesTransaction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DukptTdesTransaction {{ ksn: {} }}", Hex(&self.0.ksn()))
    }
}

#[uniffi::export]
impl DukptTdesTransaction {
    /// The transaction's KSN, sent with the request.
    pub fn ksn(&self) -> Vec<u8> {
        self.0.ksn().to_vec()
    }

    /// The transaction's working key of `usage`.
    pub fn key(&self, usage: String) -> Result<Arc<Key>> {
        Ok(key(self.0.key(usage.parse()?)?))
    }
}

// ---------------------------------------------------------------------------------------------
// AES DUKPT
// ---------------------------------------------------------------------------------------------

/// AES DUKPT: a device's initial key (usage `B1`, mode `X`, the BDK's length)
/// from the AES BDK (usage `B0`) and the 8-byte initial key ID.
#[uniffi::export]
pub fn dukpt_aes_derive_initial_key(bdk: &Key, initial_key_id: Vec<u8>) -> Result<Arc<Key>> {
    Ok(key(aes::derive_initial_key(&bdk.0, &initial_key_id)?))
}

/// AES DUKPT host side: the working key of `usage` (`pin`, `mac_generate`,
/// `mac_verify`, `mac_both`, `data_encrypt`, `data_decrypt`, `data_both`,
/// `kek`) and `keyType` (`tdes2`, `tdes3`, `aes128`, `aes192`, `aes256`,
/// `hmac128`, `hmac192`, `hmac256`) for the 12-byte KSN, from the BDK.
/// Nonsense combinations (PIN or data with an HMAC type, a key stronger than
/// the BDK) throw.
#[uniffi::export]
pub fn dukpt_aes_derive_key(bdk: &Key, ksn: Vec<u8>, usage: String, key_type: String) -> Result<Arc<Key>> {
    Ok(key(aes::derive_key(&bdk.0, &ksn, usage.parse()?, key_type.parse()?)?))
}

/// AES DUKPT: as `dukptAesDeriveKey`, from the device's initial key (usage `B1`).
#[uniffi::export]
pub fn dukpt_aes_derive_working_key(
    initial_key: &Key,
    ksn: Vec<u8>,
    usage: String,
    key_type: String,
) -> Result<Arc<Key>> {
    Ok(key(aes::derive_working_key(&initial_key.0, &ksn, usage.parse()?, key_type.parse()?)?))
}

/// AES DUKPT: the update key (X9.24-3:2017 6.5.3; usage `K0`) of `keyType`,
/// the key that protects a new initial key sent to the device.
#[uniffi::export]
pub fn dukpt_aes_derive_update_key(initial_key: &Key, initial_key_id: Vec<u8>, key_type: String) -> Result<Arc<Key>> {
    Ok(key(aes::derive_update_key(&initial_key.0, &initial_key_id, key_type.parse()?)?))
}

/// An AES DUKPT originating device: intermediate derivation key registers and
/// the transaction counter (ANSI X9.24-3:2017). As `DukptTdesDevice`: keys stay
/// native, and `save()` is persisted after every `next`.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct DukptAesDevice(Mutex<aes::Device>);

impl fmt::Display for DukptAesDevice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = lock(&self.0);
        write!(
            f,
            "DukptAesDevice {{ ksn: {}, key_type: {}, remaining: {} }}",
            Hex(&d.ksn()),
            d.key_type().name(),
            d.remaining()
        )
    }
}

#[uniffi::export]
impl DukptAesDevice {
    /// Loads a device with its initial key (AES, usage `B1`) and 12-byte KSN
    /// (initial key ID and counter). A counter of 0 starts at counter 1; a
    /// non-zero counter resumes there.
    #[uniffi::constructor]
    pub fn new(initial_key: &Key, ksn: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(Mutex::new(aes::Device::new(&initial_key.0, &ksn)?))))
    }

    /// A device from the bytes of `save()`. Throws `PosguardException.InvalidState`
    /// on anything malformed or inconsistent.
    #[uniffi::constructor]
    pub fn restore(state: Vec<u8>) -> Result<Arc<Self>> {
        let state = Zeroizing::new(state);
        Ok(Arc::new(Self(Mutex::new(aes::Device::restore(&state)?))))
    }

    /// The KSN the next transaction will use (counter 0 once exhausted).
    pub fn ksn(&self) -> Vec<u8> {
        lock(&self.0).ksn().to_vec()
    }

    /// How many transactions are left.
    pub fn remaining(&self) -> u32 {
        lock(&self.0).remaining()
    }

    /// The initial key's type (`aes128`, `aes192`, `aes256`), the default key type of `next`.
    pub fn key_type(&self) -> String {
        lock(&self.0).key_type().name().into()
    }

    /// Runs the next transaction: its KSN and its working key of `usage` and
    /// `keyType` (default: the device's key type), then advances the counter.
    /// Throws `PosguardException.DukptExhausted` when no counter is left. A
    /// combination the core refuses (PIN or data with an HMAC type, a type
    /// stronger than the device's) throws before any counter is used.
    #[uniffi::method(default(key_type = None))]
    pub fn next(&self, usage: String, key_type: Option<String>) -> Result<DukptTransactionKey> {
        // Check first: a bad name or a refused pair must not use up a counter.
        let usage: aes::Usage = usage.parse()?;
        let key_type: Option<aes::KeyType> = key_type.map(|t| t.parse()).transpose()?;
        let mut device = lock(&self.0);
        let key_type = key_type.unwrap_or_else(|| device.key_type());
        device.check_key(usage, key_type)?;
        let txn = device.next()?;
        drop(device);
        Ok(DukptTransactionKey { ksn: txn.ksn().to_vec(), key: key(txn.key(usage, key_type)?) })
    }

    /// Runs the next transaction and keeps its derivation key, for several
    /// working keys (PIN and MAC) under the same KSN. Throws
    /// `PosguardException.DukptExhausted` when no counter is left.
    pub fn next_transaction(&self) -> Result<Arc<DukptAesTransaction>> {
        let mut device = lock(&self.0);
        let key_type = device.key_type();
        Ok(Arc::new(DukptAesTransaction(device.next()?, key_type)))
    }

    /// The device state for `restore`. It holds the derivation keys in clear:
    /// store it sealed, and wipe this array once stored.
    pub fn save(&self) -> Vec<u8> {
        lock(&self.0).save().to_vec()
    }
}

/// One AES DUKPT transaction: its KSN and its derivation key, which stays
/// native and is wiped when the object is closed or collected.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct DukptAesTransaction(aes::Transaction, aes::KeyType);

impl fmt::Display for DukptAesTransaction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DukptAesTransaction {{ ksn: {} }}", Hex(&self.0.ksn()))
    }
}

#[uniffi::export]
impl DukptAesTransaction {
    /// The transaction's KSN, sent with the request.
    pub fn ksn(&self) -> Vec<u8> {
        self.0.ksn().to_vec()
    }

    /// The transaction's working key of `usage` and `keyType` (default: the device's key type).
    #[uniffi::method(default(key_type = None))]
    pub fn key(&self, usage: String, key_type: Option<String>) -> Result<Arc<Key>> {
        let key_type = key_type.map(|t| t.parse()).transpose()?.unwrap_or(self.1);
        Ok(key(self.0.key(usage.parse()?, key_type)?))
    }
}
