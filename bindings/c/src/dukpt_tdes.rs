//! TDES DUKPT (ANSI X9.24-1:2009), host side and device side.
//!
//! KSNs are 10 bytes (`POSGUARD_DUKPT_TDES_KSN_LEN`). The BDK is a
//! double-length TDES key of usage `B0`, the initial key (IPEK) one of usage
//! `B1`, both with mode `X` or `N`. Derived keys carry their usage: the PIN
//! key is `P0` (goes straight into `posguard_pin_encrypt`), the MAC keys `M3`
//! (ISO 9797-1 algorithm 3), the data keys `D0`.

use posguard::dukpt::tdes::{self, Device, Transaction, Usage};

use crate::args::{OutBytes, OutValue, mut_arg, ref_arg, slice_arg};
use crate::values::{enum_value, free_handle, write_key};
use crate::{PosguardKey, Status, entry, guard};

/// Length of a TDES DUKPT key serial number (KSN), in bytes.
pub const POSGUARD_DUKPT_TDES_KSN_LEN: usize = 10;

/// The largest saved state of a TDES DUKPT device, in bytes.
pub const POSGUARD_DUKPT_TDES_STATE_MAX_LEN: usize = 363;

const _: () = assert!(POSGUARD_DUKPT_TDES_KSN_LEN == tdes::KSN_LEN);
const _: () = assert!(POSGUARD_DUKPT_TDES_STATE_MAX_LEN == tdes::STATE_MAX_LEN);

/// The working key a TDES DUKPT transaction key is turned into (X9.24-1:2009 A.4.1).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DukptTdesUsage {
    /// PIN encryption: TDES key, usage `P0`, mode `B`.
    Pin = 0,
    /// MAC on request messages: usage `M3` (ISO 9797-1 algorithm 3), mode `C`.
    MacRequest = 1,
    /// MAC on response messages: usage `M3`, mode `C`.
    MacResponse = 2,
    /// Data encryption of requests (with the one-way step): usage `D0`, mode `B`.
    DataRequest = 3,
    /// Data encryption of responses (with the one-way step): usage `D0`, mode `B`.
    DataResponse = 4,
}

/// A `posguard_dukpt_tdes_usage` as C passes it: any integer, so that a
/// value outside the enum is `POSGUARD_STATUS_INVALID_ARGUMENT`, not
/// undefined behaviour in Rust.
///
/// cbindgen:no-export
#[repr(transparent)]
#[derive(Debug, Clone, Copy)]
pub struct DukptTdesUsageValue(u32);

enum_value!(DukptTdesUsageValue => Usage {
    DukptTdesUsage::Pin => Usage::Pin,
    DukptTdesUsage::MacRequest => Usage::MacRequest,
    DukptTdesUsage::MacResponse => Usage::MacResponse,
    DukptTdesUsage::DataRequest => Usage::DataRequest,
    DukptTdesUsage::DataResponse => Usage::DataResponse,
});

/// An opaque TDES DUKPT originating device (PIN pad side): its future key
/// registers and encryption counter. Create it with
/// `posguard_dukpt_tdes_device_new` or `_restore`, release it with
/// `posguard_dukpt_tdes_device_free` (which wipes the registers). Calls that
/// take a non-const device must not run at the same time as any other call
/// on it.
pub struct PosguardDukptTdesDevice(Device);

/// An opaque TDES DUKPT transaction: its KSN and transaction key. From
/// `posguard_dukpt_tdes_device_next`; release it with
/// `posguard_dukpt_tdes_transaction_free` (which wipes the key).
pub struct PosguardDukptTdesTransaction(Transaction);

/// Derives the initial key (IPEK) of the device whose KSN is `ksn` from the
/// BDK (X9.24-1:2009 A.6; the KSN's counter bits are ignored). `bdk` is a
/// double-length TDES key of usage `B0`; the IPEK is a TDES key of usage
/// `B1`, mode `X`, for injection into the device. `*out` receives a key
/// handle to release with `posguard_key_free`.
///
/// # Safety
/// `bdk` is a live key handle; `ksn` points to `ksn_len` readable bytes; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_tdes_derive_ipek(
    bdk: *const PosguardKey,
    ksn: *const u8,
    ksn_len: usize,
    out: *mut *mut PosguardKey,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (bdk, ksn, out) = unsafe { (PosguardKey::arg(bdk)?, slice_arg(ksn, ksn_len)?, OutValue::new(out)?) };
        write_key(out, tdes::derive_ipek(bdk, ksn)?)
    })
}

/// Derives the working key of `usage` for the transaction whose KSN is
/// `ksn`, from the BDK (host side: what decrypts a DUKPT PIN block or checks
/// its MAC). A KSN that is not 10 bytes, has counter 0 or a counter with more
/// than 10 one-bits is `POSGUARD_STATUS_INVALID_KSN`. `*out` receives a key
/// handle to release with `posguard_key_free`.
///
/// # Safety
/// As `posguard_dukpt_tdes_derive_ipek`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_tdes_derive_key(
    bdk: *const PosguardKey,
    ksn: *const u8,
    ksn_len: usize,
    usage: DukptTdesUsageValue,
    out: *mut *mut PosguardKey,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (bdk, ksn, out) = unsafe { (PosguardKey::arg(bdk)?, slice_arg(ksn, ksn_len)?, OutValue::new(out)?) };
        write_key(out, tdes::derive_key(bdk, ksn, usage.get()?)?)
    })
}

/// As `posguard_dukpt_tdes_derive_key`, from the device's initial key (usage
/// `B1`) instead of the BDK.
///
/// # Safety
/// `ipek` is a live key handle; `ksn` points to `ksn_len` readable bytes; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_tdes_derive_key_from_ipek(
    ipek: *const PosguardKey,
    ksn: *const u8,
    ksn_len: usize,
    usage: DukptTdesUsageValue,
    out: *mut *mut PosguardKey,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (ipek, ksn, out) = unsafe { (PosguardKey::arg(ipek)?, slice_arg(ksn, ksn_len)?, OutValue::new(out)?) };
        write_key(out, tdes::derive_key_from_ipek(ipek, ksn, usage.get()?)?)
    })
}

/// Loads a device with its initial key (usage `B1`) and KSN. With counter 0
/// in `ksn` (the initial KSN) the first transaction uses counter 1; a
/// non-zero counter resumes the device at exactly that KSN. The device keeps
/// its own copy of what it needs: the IPEK handle may be freed afterwards.
/// `*out` receives a handle to release with `posguard_dukpt_tdes_device_free`.
///
/// # Safety
/// `ipek` is a live key handle; `ksn` points to `ksn_len` readable bytes; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_tdes_device_new(
    ipek: *const PosguardKey,
    ksn: *const u8,
    ksn_len: usize,
    out: *mut *mut PosguardDukptTdesDevice,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (ipek, ksn, out) = unsafe { (PosguardKey::arg(ipek)?, slice_arg(ksn, ksn_len)?, OutValue::new(out)?) };
        out.write(Box::into_raw(Box::new(PosguardDukptTdesDevice(Device::new(ipek, ksn)?))));
        Ok(())
    })
}

/// Restores a device from a state saved by `posguard_dukpt_tdes_device_save`.
/// Every field is checked; a malformed or inconsistent state is
/// `POSGUARD_STATUS_INVALID_STATE`. Wipe the caller's copy of the state after
/// use if it is not needed. `*out` receives a handle to release with
/// `posguard_dukpt_tdes_device_free`.
///
/// # Safety
/// `state` points to `state_len` readable bytes; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_tdes_device_restore(
    state: *const u8,
    state_len: usize,
    out: *mut *mut PosguardDukptTdesDevice,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (state, out) = unsafe { (slice_arg(state, state_len)?, OutValue::new(out)?) };
        out.write(Box::into_raw(Box::new(PosguardDukptTdesDevice(Device::restore(state)?))));
        Ok(())
    })
}

/// Releases a device and wipes its registers. NULL is a no-op.
///
/// # Safety
/// `device` is NULL or a live device handle, not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_tdes_device_free(device: *mut PosguardDukptTdesDevice) {
    // SAFETY: forwarded from the caller.
    guard((), || unsafe { free_handle(device) })
}

/// Writes the KSN the next transaction will use (10 bytes) to `out`. Once
/// the device is exhausted its counter field reads 0.
///
/// # Safety
/// `device` is a live device handle; `out` is writable for `out_cap` bytes
/// (NULL allowed when `out_cap` is 0, to ask for the size); `out_len` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_tdes_device_ksn(
    device: *const PosguardDukptTdesDevice,
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

/// How many transactions the device can still run (at most 1 048 575); 0
/// when exhausted or for a NULL device.
///
/// # Safety
/// `device` is NULL or a live device handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_tdes_device_remaining(device: *const PosguardDukptTdesDevice) -> u32 {
    // SAFETY: forwarded from the caller.
    guard(0, || unsafe { ref_arg(device) }.map_or(0, |d| d.0.remaining()))
}

/// Runs the next transaction: `*out` receives a transaction handle (its KSN
/// and key; release it with `posguard_dukpt_tdes_transaction_free`), and the
/// device erases that key and advances its counter (skipping counters with
/// more than 10 one-bits). `POSGUARD_STATUS_DUKPT_EXHAUSTED` once every
/// counter has been used. Persist `posguard_dukpt_tdes_device_save` after
/// this call and before the transaction leaves the device, so a power cut
/// never reuses a counter.
///
/// # Safety
/// `device` is a live device handle, not used by another call meanwhile; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_tdes_device_next(
    device: *mut PosguardDukptTdesDevice,
    out: *mut *mut PosguardDukptTdesTransaction,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller. `out` is checked before the device advances.
        let (device, out) = unsafe { (mut_arg(device)?, OutValue::new(out)?) };
        out.write(Box::into_raw(Box::new(PosguardDukptTdesTransaction(device.0.next()?))));
        Ok(())
    })
}

/// Saves the device's state (at most `POSGUARD_DUKPT_TDES_STATE_MAX_LEN`
/// bytes) to `out`, for `posguard_dukpt_tdes_device_restore` after a restart.
/// It holds clear keys: store it sealed (encrypted and authenticated) and
/// wipe the buffer after use.
///
/// # Safety
/// As `posguard_dukpt_tdes_device_ksn`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_tdes_device_save(
    device: *const PosguardDukptTdesDevice,
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

/// Writes the transaction's KSN (10 bytes, sent with the transaction) to `out`.
///
/// # Safety
/// `transaction` is a live transaction handle; `out`/`out_len` as in
/// `posguard_dukpt_tdes_device_ksn`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_tdes_transaction_ksn(
    transaction: *const PosguardDukptTdesTransaction,
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

/// The transaction's working key of `usage` (the key
/// `posguard_dukpt_tdes_derive_key` gives the host for the transaction's
/// KSN). `*out` receives a key handle to release with `posguard_key_free`.
///
/// # Safety
/// `transaction` is a live transaction handle; `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_tdes_transaction_key(
    transaction: *const PosguardDukptTdesTransaction,
    usage: DukptTdesUsageValue,
    out: *mut *mut PosguardKey,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (transaction, out) = unsafe { (ref_arg(transaction)?, OutValue::new(out)?) };
        write_key(out, transaction.0.key(usage.get()?)?)
    })
}

/// Releases a transaction and wipes its key. NULL is a no-op.
///
/// # Safety
/// `transaction` is NULL or a live transaction handle, not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_dukpt_tdes_transaction_free(transaction: *mut PosguardDukptTdesTransaction) {
    // SAFETY: forwarded from the caller.
    guard((), || unsafe { free_handle(transaction) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_values() {
        for (i, u) in Usage::ALL.into_iter().enumerate() {
            assert_eq!(DukptTdesUsageValue(i as u32).get(), Ok(u));
        }
        assert_eq!(DukptTdesUsageValue(5).get(), Err(Status::InvalidArgument));
    }
}
