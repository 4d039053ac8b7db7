//! `posguard.dukpt.tdes` (ANSI X9.24-1:2009) and `posguard.dukpt.aes` (ANSI X9.24-3:2017):
//! host-side derivations and the originating device.

use std::sync::{Mutex, MutexGuard, PoisonError};

use posguard::dukpt::{aes, tdes};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::convert::{Bin, py_err};
use crate::key::PyKey;

/// Parses a name the core knows (usage, key type) into its enum.
fn parse<T: std::str::FromStr<Err = posguard::Error>>(name: &str) -> PyResult<T> {
    name.parse().map_err(py_err)
}

/// TDES DUKPT: the initial key (IPEK, usage B1) from a BDK (usage B0) and the initial KSN.
#[pyfunction]
pub fn dukpt_tdes_derive_ipek(bdk: PyRef<'_, PyKey>, ksn: Bin<'_>) -> PyResult<PyKey> {
    tdes::derive_ipek(&bdk.0, &ksn).map(PyKey).map_err(py_err)
}

/// TDES DUKPT host side: the working key of `usage` for `ksn`, from the BDK.
#[pyfunction]
pub fn dukpt_tdes_derive_key(bdk: PyRef<'_, PyKey>, ksn: Bin<'_>, usage: &str) -> PyResult<PyKey> {
    tdes::derive_key(&bdk.0, &ksn, parse(usage)?).map(PyKey).map_err(py_err)
}

/// TDES DUKPT host side: the working key of `usage` for `ksn`, from the IPEK.
#[pyfunction]
pub fn dukpt_tdes_derive_key_from_ipek(ipek: PyRef<'_, PyKey>, ksn: Bin<'_>, usage: &str) -> PyResult<PyKey> {
    tdes::derive_key_from_ipek(&ipek.0, &ksn, parse(usage)?).map(PyKey).map_err(py_err)
}

/// AES DUKPT: the initial key (usage B1) from an AES BDK and the 8-byte initial key ID.
#[pyfunction]
pub fn dukpt_aes_derive_initial_key(bdk: PyRef<'_, PyKey>, initial_key_id: Bin<'_>) -> PyResult<PyKey> {
    aes::derive_initial_key(&bdk.0, &initial_key_id).map(PyKey).map_err(py_err)
}

/// AES DUKPT host side: the working key of `usage` and `key_type` for `ksn`, from the BDK.
#[pyfunction]
pub fn dukpt_aes_derive_key(bdk: PyRef<'_, PyKey>, ksn: Bin<'_>, usage: &str, key_type: &str) -> PyResult<PyKey> {
    aes::derive_key(&bdk.0, &ksn, parse(usage)?, parse(key_type)?).map(PyKey).map_err(py_err)
}

/// AES DUKPT host side: the working key of `usage` and `key_type` for `ksn`, from the initial key.
#[pyfunction]
pub fn dukpt_aes_derive_working_key(
    initial_key: PyRef<'_, PyKey>,
    ksn: Bin<'_>,
    usage: &str,
    key_type: &str,
) -> PyResult<PyKey> {
    aes::derive_working_key(&initial_key.0, &ksn, parse(usage)?, parse(key_type)?).map(PyKey).map_err(py_err)
}

/// AES DUKPT: the update key (X9.24-3:2017 6.5.3) of `key_type`, usage K0.
#[pyfunction]
pub fn dukpt_aes_derive_update_key(
    initial_key: PyRef<'_, PyKey>,
    initial_key_id: Bin<'_>,
    key_type: &str,
) -> PyResult<PyKey> {
    aes::derive_update_key(&initial_key.0, &initial_key_id, parse(key_type)?).map(PyKey).map_err(py_err)
}

/// Locks a device; no code panics while holding the lock, so a poisoned lock still holds a valid device.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A TDES DUKPT originating device (PIN pad): future key registers and counter.
/// The registers stay in the native object (wiped when it is freed).
#[pyclass(frozen, module = "posguard.dukpt.tdes", name = "Device")]
pub struct PyTdesDevice(Mutex<tdes::Device>);

#[pymethods]
impl PyTdesDevice {
    #[new]
    fn new(ipek: PyRef<'_, PyKey>, ksn: Bin<'_>) -> PyResult<Self> {
        tdes::Device::new(&ipek.0, &ksn).map(|d| Self(Mutex::new(d))).map_err(py_err)
    }

    /// The KSN the next transaction will use (counter 0 once exhausted).
    #[getter]
    fn ksn<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &lock(&self.0).ksn())
    }

    /// How many transactions are left.
    #[getter]
    fn remaining(&self) -> u32 {
        lock(&self.0).remaining()
    }

    /// Runs the next transaction: its KSN and its working key of `usage`; raises `StateError` when exhausted.
    fn next<'py>(&self, py: Python<'py>, usage: &str) -> PyResult<(Bound<'py, PyBytes>, PyKey)> {
        let usage: tdes::Usage = parse(usage)?;
        let transaction = lock(&self.0).next().map_err(py_err)?;
        let key = transaction.key(usage).map_err(py_err)?;
        Ok((PyBytes::new(py, &transaction.ksn()), PyKey(key)))
    }

    /// Runs the next transaction and keeps its transaction key, for several working keys
    /// (PIN and MAC) under the same KSN; raises `StateError` when exhausted.
    fn next_transaction(&self) -> PyResult<PyTdesTransaction> {
        lock(&self.0).next().map(PyTdesTransaction).map_err(py_err)
    }

    /// The device state (future keys in clear): the caller must store it sealed.
    fn save<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &lock(&self.0).save())
    }

    /// A device from the bytes of `save()`; raises `InvalidInputError` (code 62) on a bad state.
    #[staticmethod]
    fn restore(state: Bin<'_>) -> PyResult<Self> {
        tdes::Device::restore(&state).map(|d| Self(Mutex::new(d))).map_err(py_err)
    }

    fn __repr__(&self) -> String {
        format!("{:?}", lock(&self.0))
    }
}

/// An AES DUKPT originating device: intermediate derivation key registers and counter.
#[pyclass(frozen, module = "posguard.dukpt.aes", name = "Device")]
pub struct PyAesDevice(Mutex<aes::Device>);

#[pymethods]
impl PyAesDevice {
    #[new]
    fn new(initial_key: PyRef<'_, PyKey>, ksn: Bin<'_>) -> PyResult<Self> {
        aes::Device::new(&initial_key.0, &ksn).map(|d| Self(Mutex::new(d))).map_err(py_err)
    }

    /// The KSN the next transaction will use (counter 0 once exhausted).
    #[getter]
    fn ksn<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &lock(&self.0).ksn())
    }

    /// How many transactions are left.
    #[getter]
    fn remaining(&self) -> u32 {
        lock(&self.0).remaining()
    }

    /// The key type of the initial key, and the default key type of `next`: `"aes128"`, `"aes192"`, `"aes256"`.
    #[getter]
    fn key_type(&self) -> &'static str {
        lock(&self.0).key_type().name()
    }

    /// Runs the next transaction: its KSN and its working key of `usage` and `key_type`
    /// (default: the device's key type); raises `StateError` when exhausted.
    #[pyo3(signature = (usage, key_type = None))]
    fn next<'py>(
        &self,
        py: Python<'py>,
        usage: &str,
        key_type: Option<&str>,
    ) -> PyResult<(Bound<'py, PyBytes>, PyKey)> {
        let usage: aes::Usage = parse(usage)?;
        let key_type: Option<aes::KeyType> = key_type.map(parse).transpose()?;
        let transaction = {
            let mut device = lock(&self.0);
            let key_type = key_type.unwrap_or(device.key_type());
            // A refused usage / key type pair must not use up a counter.
            device.check_key(usage, key_type).and_then(|()| device.next()).map(|t| (t, key_type))
        };
        let (transaction, key_type) = transaction.map_err(py_err)?;
        let key = transaction.key(usage, key_type).map_err(py_err)?;
        Ok((PyBytes::new(py, &transaction.ksn()), PyKey(key)))
    }

    /// Runs the next transaction and keeps its derivation key, for several working keys
    /// (PIN and MAC) under the same KSN; raises `StateError` when exhausted.
    fn next_transaction(&self) -> PyResult<PyAesTransaction> {
        let mut device = lock(&self.0);
        let key_type = device.key_type();
        device.next().map(|t| PyAesTransaction(t, key_type)).map_err(py_err)
    }

    /// The device state (derivation keys in clear): the caller must store it sealed.
    fn save<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &lock(&self.0).save())
    }

    /// A device from the bytes of `save()`; raises `InvalidInputError` (code 62) on a bad state.
    #[staticmethod]
    fn restore(state: Bin<'_>) -> PyResult<Self> {
        aes::Device::restore(&state).map(|d| Self(Mutex::new(d))).map_err(py_err)
    }

    fn __repr__(&self) -> String {
        format!("{:?}", lock(&self.0))
    }
}

/// One TDES DUKPT transaction of a device: its KSN and its transaction key (wiped when freed).
#[pyclass(frozen, module = "posguard.dukpt.tdes", name = "Transaction")]
pub struct PyTdesTransaction(tdes::Transaction);

#[pymethods]
impl PyTdesTransaction {
    /// The transaction's KSN, sent with the request.
    #[getter]
    fn ksn<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.ksn())
    }

    /// The transaction's working key of `usage`.
    fn key(&self, usage: &str) -> PyResult<PyKey> {
        self.0.key(parse(usage)?).map(PyKey).map_err(py_err)
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.0)
    }
}

/// One AES DUKPT transaction of a device: its KSN and its derivation key (wiped when freed).
#[pyclass(frozen, module = "posguard.dukpt.aes", name = "Transaction")]
pub struct PyAesTransaction(aes::Transaction, aes::KeyType);

#[pymethods]
impl PyAesTransaction {
    /// The transaction's KSN, sent with the request.
    #[getter]
    fn ksn<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.ksn())
    }

    /// The transaction's working key of `usage` and `key_type` (default: the device's key type).
    #[pyo3(signature = (usage, key_type = None))]
    fn key(&self, usage: &str, key_type: Option<&str>) -> PyResult<PyKey> {
        let key_type = key_type.map(parse).transpose()?.unwrap_or(self.1);
        self.0.key(parse(usage)?, key_type).map(PyKey).map_err(py_err)
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.0)
    }
}
