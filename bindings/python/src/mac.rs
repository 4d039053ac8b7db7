//! `posguard.mac`: ISO 9797-1 algorithms 1 and 3 (retail MAC), CMAC, HMAC-SHA256, the UnionPay MACs.

use posguard::Error;
use posguard::mac::{self, MacAlgorithm, Padding};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyInt, PyString};

use crate::convert::{Bin, py_err};
use crate::key::PyKey;

/// An ISO 9797-1 padding method: 1, 2 or 3 (or a name the core parses, e.g. `"method2"`).
pub struct PaddingArg(Padding);

impl FromPyObject<'_, '_> for PaddingArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let padding = if let Ok(number) = obj.cast::<PyInt>() {
            number
                .extract::<u8>()
                .map_err(|_| Error::InvalidArgument("padding method must be 1, 2 or 3"))
                .and_then(Padding::try_from)
        } else if let Ok(name) = obj.cast::<PyString>() {
            name.to_str()?.parse()
        } else {
            return Err(PyTypeError::new_err("padding must be an int (1, 2 or 3)"));
        };
        padding.map(PaddingArg).map_err(py_err)
    }
}

/// The default padding: method 1.
const METHOD1: PaddingArg = PaddingArg(Padding::Method1);

/// Computes a MAC; `length` in bytes (UnionPay: hex characters), `None` for the algorithm's default.
#[pyfunction]
#[pyo3(signature = (key, data, algorithm, *, padding = METHOD1, length = None),
       text_signature = "(key, data, algorithm, *, padding=1, length=None)")]
pub fn mac_generate<'py>(
    py: Python<'py>,
    key: PyRef<'_, PyKey>,
    data: Bin<'_>,
    algorithm: &str,
    padding: PaddingArg,
    length: Option<usize>,
) -> PyResult<Bound<'py, PyBytes>> {
    let algorithm: MacAlgorithm = algorithm.parse().map_err(py_err)?;
    let mac = mac::generate(&key.0, &data, algorithm, padding.0, length).map_err(py_err)?;
    Ok(PyBytes::new(py, mac.as_bytes()))
}

/// Verifies a MAC in constant time (its length selects the truncation); raises `IntegrityError` on a mismatch.
#[pyfunction]
#[pyo3(signature = (key, data, mac, algorithm, *, padding = METHOD1),
       text_signature = "(key, data, mac, algorithm, *, padding=1)")]
pub fn mac_verify(
    key: PyRef<'_, PyKey>,
    data: Bin<'_>,
    mac: Bin<'_>,
    algorithm: &str,
    padding: PaddingArg,
) -> PyResult<()> {
    let algorithm: MacAlgorithm = algorithm.parse().map_err(py_err)?;
    mac::verify(&key.0, &data, &mac, algorithm, padding.0).map_err(py_err)
}
