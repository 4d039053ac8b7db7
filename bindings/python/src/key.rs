//! `posguard.Key`: a core [`Key`] held inside the native object.

use posguard::{CheckValueMethod, Key};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::convert::{Bin, Method, py_err};

/// A key with its algorithm, usage and mode of use. The material stays in the
/// native object (wiped when the object is freed); `repr` shows attributes and
/// check value only.
#[pyclass(frozen, module = "posguard", name = "Key")]
pub struct PyKey(pub Key);

impl PyKey {
    /// `method`, or the algorithm's standard check value method when `None`.
    fn method(&self, method: Option<Method>) -> CheckValueMethod {
        method.map_or(CheckValueMethod::default_for(self.0.algorithm()), |m| m.0)
    }
}

#[pymethods]
impl PyKey {
    #[new]
    #[pyo3(signature = (material, algorithm, usage, mode = None))]
    fn new(material: Bin<'_>, algorithm: &str, usage: &str, mode: Option<&str>) -> PyResult<Self> {
        let build = || {
            let (algorithm, usage) = (algorithm.parse()?, usage.parse()?);
            match mode {
                None => Key::new(algorithm, usage, &material),
                Some(mode) => Key::with_mode(algorithm, usage, mode.parse()?, &material),
            }
        };
        build().map(PyKey).map_err(py_err)
    }

    /// `"des"`, `"tdes"`, `"aes"` or `"sm4"`.
    #[getter]
    fn algorithm(&self) -> &'static str {
        self.0.algorithm().name()
    }

    /// The usage name, e.g. `"pin"`.
    #[getter]
    fn usage(&self) -> &'static str {
        self.0.usage().name()
    }

    /// The TR-31 usage code, e.g. `"P0"`.
    #[getter]
    fn usage_code(&self) -> &'static str {
        self.0.usage().code()
    }

    /// The TR-31 mode of use, one character, e.g. `"B"`.
    #[getter]
    fn mode(&self) -> char {
        self.0.mode().code()
    }

    /// Algorithm and length, e.g. `"TDES-2key"`, `"AES-128"`, `"SM4"`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind()
    }

    /// The check value: `length` bytes (1 to the block size) by `method`
    /// (`"zero_block"` or `"cmac"`; `None`: CMAC for AES, zero-block otherwise).
    #[pyo3(signature = (length = 3, method = None))]
    fn kcv<'py>(&self, py: Python<'py>, length: usize, method: Option<Method>) -> PyResult<Bound<'py, PyBytes>> {
        let kcv = self.0.check_value_with(self.method(method), length).map_err(py_err)?;
        Ok(PyBytes::new(py, kcv.as_bytes()))
    }

    /// The 4-byte zero-block check value of UnionPay sign-on responses.
    fn kcv_unionpay<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let kcv = self.0.check_value_unionpay().map_err(py_err)?;
        Ok(PyBytes::new(py, kcv.as_bytes()))
    }

    /// Checks `kcv` (its length selects the truncation) in constant time;
    /// raises `IntegrityError` on a mismatch.
    #[pyo3(signature = (kcv, method = None))]
    fn verify_kcv(&self, kcv: Bin<'_>, method: Option<Method>) -> PyResult<()> {
        self.0.verify_check_value(self.method(method), &kcv).map_err(py_err)
    }

    /// The clear key material. For test tooling only: the returned `bytes` cannot be wiped.
    fn export_clear<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.0.export_clear().expose())
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.0)
    }
}
