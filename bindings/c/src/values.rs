//! Helpers shared by the TR-31, DUKPT, MAC and data entry points: C enum
//! arguments checked at the boundary, and keys handed back as handles.

use posguard::Key;

use crate::args::OutValue;
use crate::{PosguardKey, Status};

/// Implements `get` on a C enum's value wrapper (a `u32` as C passes it):
/// the core value for a known discriminant, `POSGUARD_STATUS_INVALID_ARGUMENT`
/// for anything else, so that an out-of-range value is an error and never
/// undefined behaviour.
macro_rules! enum_value {
    ($wrapper:ident => $core:ty { $($c:path => $r:expr),+ $(,)? }) => {
        impl $wrapper {
            /// The core value, or `InvalidArgument` for a value outside the C enum.
            pub(crate) fn get(self) -> Result<$core, $crate::Status> {
                $(
                    if self.0 == $c as u32 {
                        return Ok($r);
                    }
                )+
                Err($crate::Status::InvalidArgument)
            }
        }
    };
}

pub(crate) use enum_value;

/// Writes a new handle on `key` to `*out` (released by `posguard_key_free`).
pub(crate) fn write_key(out: OutValue<'_, *mut PosguardKey>, key: Key) -> Result<(), Status> {
    out.write(Box::into_raw(Box::new(PosguardKey::new(key)?)));
    Ok(())
}

/// Frees a handle made by `Box::into_raw`; NULL is a no-op.
///
/// # Safety
/// `p` is NULL or a live handle from `Box::into_raw` not yet freed.
pub(crate) unsafe fn free_handle<T>(p: *mut T) {
    if !p.is_null() {
        // SAFETY: the caller passes a live handle made by Box::into_raw.
        drop(unsafe { Box::from_raw(p) });
    }
}
