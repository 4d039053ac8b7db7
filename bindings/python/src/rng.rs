//! The randomness behind PIN block fill: the OS CSPRNG, or a Python callable for reproducible rigs.

use std::fmt;

use getrandom::SysRng;
use posguard::rand_core::{TryCryptoRng, TryRng, utils};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

use crate::convert::{Bin, py_err};

/// The RNG of one call: `getrandom::SysRng`, or `rng(n: int) -> bytes` supplied by the
/// caller. A callable that raises or returns the wrong number of bytes fails the call
/// with `Error::Rng`; its exception becomes the `__cause__`.
pub struct Rng<'py> {
    callable: Option<Bound<'py, PyAny>>,
    failure: Option<PyErr>,
}

/// The error the core sees (and reports as `Error::Rng`); the details stay in [`Rng::failure`].
#[derive(Debug)]
pub struct RngFailure;

impl fmt::Display for RngFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("random source failed")
    }
}

impl std::error::Error for RngFailure {}

impl TryRng for Rng<'_> {
    type Error = RngFailure;

    fn try_next_u32(&mut self) -> Result<u32, RngFailure> {
        utils::next_word_via_fill(self)
    }

    fn try_next_u64(&mut self) -> Result<u64, RngFailure> {
        utils::next_word_via_fill(self)
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), RngFailure> {
        let Some(callable) = &self.callable else {
            return SysRng.try_fill_bytes(dst).map_err(|_| RngFailure);
        };
        let filled = callable.call1((dst.len(),)).and_then(|out| {
            let bytes: Bin<'_> = out.extract()?;
            if bytes.len() != dst.len() {
                return Err(PyValueError::new_err(format!("rng({}) returned {} bytes", dst.len(), bytes.len())));
            }
            dst.copy_from_slice(&bytes);
            Ok(())
        });
        filled.map_err(|e| {
            self.failure = Some(e);
            RngFailure
        })
    }
}

/// A caller-supplied callable stands in for a CSPRNG: that is the caller's choice (test rigs).
impl TryCryptoRng for Rng<'_> {}

/// Runs `op` with the RNG selected by the `rng` argument and maps its error.
pub fn with_rng<'py, T>(
    py: Python<'py>,
    rng: Option<Bound<'py, PyAny>>,
    op: impl FnOnce(&mut Rng<'py>) -> posguard::Result<T>,
) -> PyResult<T> {
    if rng.as_ref().is_some_and(|r| !r.is_callable()) {
        return Err(PyTypeError::new_err("rng must be None or a callable rng(n: int) -> bytes"));
    }
    let mut rng = Rng { callable: rng, failure: None };
    op(&mut rng).map_err(|e| {
        let err = py_err(e);
        if let Some(cause) = rng.failure.take() {
            err.set_cause(py, Some(cause));
        }
        err
    })
}
