//! AES DUKPT (ANSI X9.24-3:2017), host side and device side.
//!
//! KSNs are 12 bytes (`POSGUARD_DUKPT_AES_KSN_LEN`): the 8-byte initial key
//! ID (BDK ID and derivation ID) and a 4-byte counter. The BDK is an AES key
//! of usage `B0`, the initial key an AES key of usage `B1`, both with mode
//! `X` or `N`. Working keys carry their usage (PIN `P0`, MAC `M6` CMAC or
//! `M7` HMAC, data `D0`, KEK `K0`) with the mode the usage implies.

use posguard::dukpt::aes::{self, Device, KeyType, Transaction, Usage};

use crate::args::{OutBytes, OutValue, mut_arg, ref_arg, slice_arg};
use crate::values::{enum_value, free_handle, write_key};
use crate::{PosguardKey, Status, entry, guard};

/// Length of an AES DUKPT key serial number (KSN), in bytes.
pub const POSGUARD_DUKPT_AES_KSN_LEN: usize = 12;

/// Length of an AES DUKPT initial key ID (BDK ID and derivation ID), in bytes.
pub const POSGUARD_DUKPT_AES_INITIAL_KEY_ID_LEN: usize = 8;

/// The largest saved state of an AES DUKPT device, in bytes (AES-256 keys,
/// all 32 registers: 22-byte header, 32 × 32 bytes, 4-byte CRC).
pub const POSGUARD_DUKPT_AES_STATE_MAX_LEN: usize = 1050;

const _: () = assert!(POSGUARD_DUKPT_AES_KSN_LEN == aes::KSN_LEN);
const _: () = assert!(POSGUARD_DUKPT_AES_INITIAL_KEY_ID_LEN == aes::INITIAL_KEY_ID_LEN);

/// The type of a derived AES DUKPT key: algorithm and length (X9.24-3:2017 table 3).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DukptAesKeyType {
    /// Two-key TDES (16 bytes).
    Tdes2 = 0,
    /// Three-key TDES (24 bytes).
    Tdes3 = 1,
    /// AES-128.
    Aes128 = 2,
    /// AES-192.
    Aes192 = 3,
    /// AES-256.
    Aes256 = 4,
    /// HMAC key of 128 bits (MAC usages only).
    Hmac128 = 5,
    /// HMAC key of 192 bits (MAC usages only).
    Hmac192 = 6,
    /// HMAC key of 256 bits (MAC usages only).
    Hmac256 = 7,
}

/// A `posguard_dukpt_aes_key_type` as C passes it: any integer, so that a
/// value outside the enum is `POSGUARD_STATUS_INVALID_ARGUMENT`, not
/// undefined behaviour in Rust.
///
/// cbindgen:no-export
#[repr(transparent)]
#[derive(Debug, Clone, Copy)]
pub struct DukptAesKeyTypeValue(u32);

enum_value!(DukptAesKeyTypeValue => KeyType {
    DukptAesKeyType::Tdes2 => KeyType::Tdes2,
    DukptAesKeyType::Tdes3 => KeyType::Tdes3,
    DukptAesKeyType::Aes128 => KeyType::Aes128,
    DukptAesKeyType::Aes192 => KeyType::Aes192,
    DukptAesKeyType::Aes256 => KeyType::Aes256,
    DukptAesKeyType::Hmac128 => KeyType::Hmac128,
    DukptAesKeyType::Hmac192 => KeyType::Hmac192,
    DukptAesKeyType::Hmac256 => KeyType::Hmac256,
});

impl DukptAesKeyType {
    fn from_core(key_type: KeyType) -> Self {
        match key_type {
            KeyType::Tdes2 => DukptAesKeyType::Tdes2,
            KeyType::Tdes3 => DukptAesKeyType::Tdes3,
            KeyType::Aes128 => DukptAesKeyType::Aes128,
            KeyType::Aes192 => DukptAesKeyType::Aes192,
            KeyType::Aes256 => DukptAesKeyType::Aes256,
            KeyType::Hmac128 => DukptAesKeyType::Hmac128,
            KeyType::Hmac192 => DukptAesKeyType::Hmac192,
            KeyType::Hmac256 => DukptAesKeyType::Hmac256,
        }
    }
}

/// What an AES DUKPT working key is for (X9.24-3:2017 table 2).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DukptAesUsage {
    /// PIN encryption: usage `P0`, mode `B` (not with HMAC key types).
    Pin = 0,
    /// MAC generation: `M6` (CMAC) or `M7` (HMAC key types), mode `G` on the
    /// device (`V` on the host, which verifies).
    MacGenerate = 1,
    /// MAC verification: `M6` or `M7`, mode `V` on the device (`G` on the host).
    MacVerify = 2,
    /// MAC generation and verification: `M6` or `M7`, mode `C`.
    MacBoth = 3,
    /// Data encryption only: `D0`, mode `E` on the device (`D` on the host).
    DataEncrypt = 4,
    /// Data decryption only: `D0`, mode `D` on the device (`E` on the host).
    DataDecrypt = 5,
    /// Data encryption and decryption: `D0`, mode `B`.
    DataBoth = 6,
    /// Key encryption key: `K0`, mode `B`.
    Kek = 7,
}

/// A `posguard_dukpt_aes_usage` as C passes it (see `DukptAesKeyTypeValue`).
///
/// cbindgen:no-export
#[repr(transparent)]
#[derive(Debug, Clone, Copy)]
pub struct DukptAesUsageValue(u32);

enum_value!(DukptAesUsageValue => Usage {
    DukptAesUsage::Pin => Usage::Pin,
    DukptAesUsage::MacGenerate => Usage::MacGenerate,
    DukptAesUsage::MacVerify => Usage::MacVerify,
    DukptAesUsage::MacBoth => Usage::MacBoth,
    DukptAesUsage::DataEncrypt => Usage::DataEncrypt,
    DukptAesUsage::DataDecrypt => Usage::DataDecrypt,
    DukptAesUsage::DataBoth => Usage::DataBoth,
    DukptAesUsage::Kek => Usage::Kek,
});

/// An opaque AES DUKPT originating device (PIN pad side): its intermediate
/// derivation key registers and transaction counter. Create it with
/// `posguard_dukpt_aes_device_new` or `_restore`, release it with
/// `posguard_dukpt_aes_device_free` (which wipes the registers). Calls that
/// take a non-const device must not run at the same time as any other call
/// on it.
pub struct PosguardDukptAesDevice(Device);

/// An opaque AES DUKPT transaction: its KSN and derivation key, from which
/// every working key of the transaction is derived. From
/// `posguard_dukpt_aes_device_next`; release it with
/// `posguard_dukpt_aes_transaction_free` (which wipes the key).
pub struct PosguardDukptAesTransaction(Transaction);

/// Derives a device's initial key from the BDK (an AES key of usage `B0`)
/// and its 8-byte initial key ID (X9.24-3:2017 6.3.3). The result is an AES
/// key of the BDK's length, usage `B1`, mode `X`. `*out` receives a key
/// handle to release with `posguard_key_free`.
///
/// # Safety
/// `bdk` is a live key handle; `initial_key_id` points to `initial_key_id_len`
/// readable bytes; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_aes_derive_initial_key(
    bdk: *const PosguardKey,
    initial_key_id: *const u8,
    initial_key_id_len: usize,
    out: *mut *mut PosguardKey,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (bdk, id, out) =
            unsafe { (PosguardKey::arg(bdk)?, slice_arg(initial_key_id, initial_key_id_len)?, OutValue::new(out)?) };
        write_key(out, aes::derive_initial_key(bdk, id)?)
    })
}

/// Derives the working key of `usage` and `key_type` for a 12-byte KSN from
/// the BDK (host side). The usage names the device's operation; the host's
/// copy of a one-way key has the opposite mode of use (a `MAC_GENERATE` key
/// verifies, `V`; a `DATA_ENCRYPT` key decrypts, `D`). A KSN of the wrong
/// size, counter 0 or more than 16 one-bits is `POSGUARD_STATUS_INVALID_KSN`;
/// a combination that makes no sense (PIN or data with an HMAC key type, a
/// key stronger than the BDK) is refused. `*out` receives a key handle to
/// release with `posguard_key_free`.
///
/// # Safety
/// `bdk` is a live key handle; `ksn` points to `ksn_len` readable bytes; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_aes_derive_key(
    bdk: *const PosguardKey,
    ksn: *const u8,
    ksn_len: usize,
    usage: DukptAesUsageValue,
    key_type: DukptAesKeyTypeValue,
    out: *mut *mut PosguardKey,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (bdk, ksn, out) = unsafe { (PosguardKey::arg(bdk)?, slice_arg(ksn, ksn_len)?, OutValue::new(out)?) };
        write_key(out, aes::derive_key(bdk, ksn, usage.get()?, key_type.get()?)?)
    })
}

/// As `posguard_dukpt_aes_derive_key`, from the device's initial key (usage
/// `B1`) instead of the BDK, as the device holds it: one-way keys carry the
/// device's mode of use (`MAC_GENERATE` generates, `G`).
///
/// # Safety
/// `initial_key` is a live key handle; `ksn` points to `ksn_len` readable
/// bytes; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_aes_derive_working_key(
    initial_key: *const PosguardKey,
    ksn: *const u8,
    ksn_len: usize,
    usage: DukptAesUsageValue,
    key_type: DukptAesKeyTypeValue,
    out: *mut *mut PosguardKey,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (ik, ksn, out) = unsafe { (PosguardKey::arg(initial_key)?, slice_arg(ksn, ksn_len)?, OutValue::new(out)?) };
        write_key(out, aes::derive_working_key(ik, ksn, usage.get()?, key_type.get()?)?)
    })
}

/// Derives the DUKPT update key (X9.24-3:2017 6.5.3): the key-encryption key
/// (usage `K0`, mode `B`) of `key_type` that protects a new initial key sent
/// to the device. HMAC key types are refused. `*out` receives a key handle
/// to release with `posguard_key_free`.
///
/// # Safety
/// `initial_key` is a live key handle; `initial_key_id` points to
/// `initial_key_id_len` readable bytes; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_aes_derive_update_key(
    initial_key: *const PosguardKey,
    initial_key_id: *const u8,
    initial_key_id_len: usize,
    key_type: DukptAesKeyTypeValue,
    out: *mut *mut PosguardKey,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (ik, id, out) = unsafe {
            (PosguardKey::arg(initial_key)?, slice_arg(initial_key_id, initial_key_id_len)?, OutValue::new(out)?)
        };
        write_key(out, aes::derive_update_key(ik, id, key_type.get()?)?)
    })
}

/// Loads a device with its initial key (usage `B1`) and KSN. Counter 0 in
/// `ksn` (the initial KSN) makes the first transaction counter 1; a non-zero
/// counter is the next transaction's and must be valid (at most 16
/// one-bits). The initial key is used once and not kept: its handle may be
/// freed afterwards. `*out` receives a handle to release with
/// `posguard_dukpt_aes_device_free`.
///
/// # Safety
/// `initial_key` is a live key handle; `ksn` points to `ksn_len` readable
/// bytes; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_aes_device_new(
    initial_key: *const PosguardKey,
    ksn: *const u8,
    ksn_len: usize,
    out: *mut *mut PosguardDukptAesDevice,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (ik, ksn, out) = unsafe { (PosguardKey::arg(initial_key)?, slice_arg(ksn, ksn_len)?, OutValue::new(out)?) };
        out.write(Box::into_raw(Box::new(PosguardDukptAesDevice(Device::new(ik, ksn)?))));
        Ok(())
    })
}

/// Restores a device from a state saved by `posguard_dukpt_aes_device_save`.
/// The format, CRC, counter and registers are checked; anything
/// inconsistent is `POSGUARD_STATUS_INVALID_STATE`. `*out` receives a handle
/// to release with `posguard_dukpt_aes_device_free`.
///
/// # Safety
/// `state` points to `state_len` readable bytes; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_aes_device_restore(
    state: *const u8,
    state_len: usize,
    out: *mut *mut PosguardDukptAesDevice,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (state, out) = unsafe { (slice_arg(state, state_len)?, OutValue::new(out)?) };
        out.write(Box::into_raw(Box::new(PosguardDukptAesDevice(Device::restore(state)?))));
        Ok(())
    })
}

/// Releases a device and wipes its registers. NULL is a no-op.
///
/// # Safety
/// `device` is NULL or a live device handle, not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_aes_device_free(device: *mut PosguardDukptAesDevice) {
    // SAFETY: forwarded from the caller.
    guard((), || unsafe { free_handle(device) })
}

/// Writes the KSN of the next transaction (12 bytes) to `out`; once
/// exhausted, the initial key ID with counter 0.
///
/// # Safety
/// `device` is a live device handle; `out` is writable for `out_cap` bytes
/// (NULL allowed when `out_cap` is 0, to ask for the size); `out_len` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_aes_device_ksn(
    device: *const PosguardDukptAesDevice,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (device, out) = unsafe { (ref_arg(device)?, OutBytes::new(out, out_cap, out_len)?) };
        out.write(&device.0.ksn())
    })
}

/// How many transactions the device can still run, the next one included
/// (about 2.45 billion for a new device); 0 when exhausted or for a NULL device.
///
/// # Safety
/// `device` is NULL or a live device handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_aes_device_remaining(device: *const PosguardDukptAesDevice) -> u32 {
    // SAFETY: forwarded from the caller.
    guard(0, || unsafe { ref_arg(device) }.map_or(0, |d| d.0.remaining()))
}

/// Writes the AES key type of the device's initial and derivation keys
/// (AES-128, -192 or -256) to `*out`: the strongest working key type it may
/// derive, and the usual choice for `posguard_dukpt_aes_transaction_key`.
///
/// # Safety
/// `device` is a live device handle; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_aes_device_key_type(
    device: *const PosguardDukptAesDevice,
    out: *mut DukptAesKeyType,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (device, out) = unsafe { (ref_arg(device)?, OutValue::new(out)?) };
        out.write(DukptAesKeyType::from_core(device.0.key_type()));
        Ok(())
    })
}

/// Runs the next transaction: `*out` receives a transaction handle (release
/// it with `posguard_dukpt_aes_transaction_free`), and the device advances
/// past its counter (to the next one with at most 16 one-bits).
/// `POSGUARD_STATUS_DUKPT_EXHAUSTED` once none is left. Persist
/// `posguard_dukpt_aes_device_save` after this call and before the
/// transaction leaves the device, so a power cut never reuses a counter.
///
/// # Safety
/// `device` is a live device handle, not used by another call meanwhile; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_aes_device_next(
    device: *mut PosguardDukptAesDevice,
    out: *mut *mut PosguardDukptAesTransaction,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller. `out` is checked before the device advances.
        let (device, out) = unsafe { (mut_arg(device)?, OutValue::new(out)?) };
        out.write(Box::into_raw(Box::new(PosguardDukptAesTransaction(device.0.next()?))));
        Ok(())
    })
}

/// Saves the device's state (at most `POSGUARD_DUKPT_AES_STATE_MAX_LEN`
/// bytes) to `out`, for `posguard_dukpt_aes_device_restore` after a restart.
/// It holds the derivation keys in clear: store it sealed and wipe the
/// buffer after use.
///
/// # Safety
/// As `posguard_dukpt_aes_device_ksn`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_aes_device_save(
    device: *const PosguardDukptAesDevice,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (device, out) = unsafe { (ref_arg(device)?, OutBytes::new(out, out_cap, out_len)?) };
        out.write(&device.0.save())
    })
}

/// Writes the transaction's KSN (12 bytes, sent with the transaction) to `out`.
///
/// # Safety
/// `transaction` is a live transaction handle; `out`/`out_len` as in
/// `posguard_dukpt_aes_device_ksn`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_aes_transaction_ksn(
    transaction: *const PosguardDukptAesTransaction,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (transaction, out) = unsafe { (ref_arg(transaction)?, OutBytes::new(out, out_cap, out_len)?) };
        out.write(&transaction.0.ksn())
    })
}

/// The transaction's working key of `usage` and `key_type`, with the
/// device's mode of use (the host derives the same key with
/// `posguard_dukpt_aes_derive_key`, with the opposite mode for one-way
/// usages). `*out` receives a key handle to release with `posguard_key_free`.
///
/// # Safety
/// `transaction` is a live transaction handle; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_aes_transaction_key(
    transaction: *const PosguardDukptAesTransaction,
    usage: DukptAesUsageValue,
    key_type: DukptAesKeyTypeValue,
    out: *mut *mut PosguardKey,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (transaction, out) = unsafe { (ref_arg(transaction)?, OutValue::new(out)?) };
        write_key(out, transaction.0.key(usage.get()?, key_type.get()?)?)
    })
}

/// Releases a transaction and wipes its key. NULL is a no-op.
///
/// # Safety
/// `transaction` is NULL or a live transaction handle, not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_aes_transaction_free(transaction: *mut PosguardDukptAesTransaction) {
    // SAFETY: forwarded from the caller.
    guard((), || unsafe { free_handle(transaction) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use posguard::{Algorithm, Key, KeyUsage, ModeOfUse};

    #[test]
    fn enum_values() {
        for (i, t) in KeyType::ALL.into_iter().enumerate() {
            assert_eq!(DukptAesKeyTypeValue(i as u32).get(), Ok(t));
            assert_eq!(DukptAesKeyType::from_core(t) as u32, i as u32);
        }
        for (i, u) in Usage::ALL.into_iter().enumerate() {
            assert_eq!(DukptAesUsageValue(i as u32).get(), Ok(u));
        }
        assert_eq!(DukptAesKeyTypeValue(8).get(), Err(Status::InvalidArgument));
        assert_eq!(DukptAesUsageValue(8).get(), Err(Status::InvalidArgument));
    }

    /// The largest state: AES-256 keys at counter 1, where all 32 registers are held.
    #[test]
    fn state_max_len_is_the_largest_state() {
        let ik = Key::with_mode(Algorithm::Aes, KeyUsage::DukptInitialKey, ModeOfUse::Derive, &[0x5A; 32]).unwrap();
        let device = Device::new(&ik, &[0x11; 8].into_iter().chain([0; 4]).collect::<Vec<_>>()).unwrap();
        assert_eq!(device.save().len(), POSGUARD_DUKPT_AES_STATE_MAX_LEN);
    }
}
