// App-style DUKPT on a smart-POS: the PIN pad holds a TDES DUKPT device (ANSI X9.24-1),
// sends each PIN block with its KSN and MACs the request; the host derives the same
// keys from the BDK and the KSN. The device state is persisted before anything leaves
// the terminal, so a power cut never reuses a counter.
// Compiled and run by the binding's Maven test build (bindings/kotlin/pom.xml).
package io.github.posguard.examples.dukpt

import io.github.posguard.DukptTdesDevice
import io.github.posguard.Key
import io.github.posguard.PinFormat
import io.github.posguard.dukptTdesDeriveIpek
import io.github.posguard.dukptTdesDeriveKey
import io.github.posguard.macGenerate
import io.github.posguard.macVerify
import io.github.posguard.pinDecrypt
import io.github.posguard.pinEncrypt

/** What goes into the authorization request: the encrypted PIN (field 52) and its KSN (field 53). */
class EncryptedPin(val block: ByteArray, val ksn: ByteArray)

/** A request MAC (field 64 / 128) and the KSN of the key that made it. */
class RequestMac(val mac: ByteArray, val ksn: ByteArray)

/**
 * The terminal's DUKPT PIN pad. [persist] stores the device state (sealed, in a real
 * terminal: it holds the future keys); it runs before any result leaves the PIN pad.
 */
class DukptPinPad(private val device: DukptTdesDevice, private val persist: (ByteArray) -> Unit) : AutoCloseable {
    private fun saveState() {
        val state = device.save()
        try {
            persist(state)
        } finally {
            state.fill(0)
        }
    }

    /** ISO 9564 format 0 PIN block under this transaction's DUKPT PIN key. */
    fun encryptPin(pin: String, pan: String): EncryptedPin {
        val txn = device.next("pin")
        saveState()
        return txn.key.use { EncryptedPin(pinEncrypt(pin, pan, it, PinFormat.ISO0), txn.ksn) }
    }

    /** ANSI X9.19 retail MAC of the request under a DUKPT MAC request key (its own counter). */
    fun macRequest(message: ByteArray): RequestMac {
        val txn = device.next("mac_request")
        saveState()
        return txn.key.use { RequestMac(macGenerate(it, message, "iso9797_3"), txn.ksn) }
    }

    /** Wipes the future key registers now. */
    override fun close() = device.close()
}

private fun hex(s: String) = ByteArray(s.length / 2) { s.substring(2 * it, 2 * it + 2).toInt(16).toByte() }

private fun ByteArray.toHex() = joinToString("") { "%02X".format(it) }

fun main() {
    // The ANSI X9.24-1 test BDK and initial KSN: demo values only.
    val bdk = Key(hex("0123456789ABCDEFFEDCBA9876543210"), "tdes", "bdk")
    val initialKsn = hex("FFFF9876543210E00000")
    var stored = ByteArray(0) // stands in for the terminal's sealed storage
    // Key injection: the IPEK goes into the PIN pad, the BDK stays at the host.
    val pad = dukptTdesDeriveIpek(bdk, initialKsn).use { ipek ->
        DukptPinPad(DukptTdesDevice(ipek, initialKsn)) { stored = it.copyOf() }
    }
    val message = "0200 4012345678909 000000001000".toByteArray()
    val (pin, mac) = pad.use { it.encryptPin("1234", "4012345678909") to it.macRequest(message) }
    println("PIN block sent with KSN ${pin.ksn.toHex()}; device state saved (${stored.size} bytes)")

    // Host side: the same keys from the BDK and the KSNs that came with the request.
    dukptTdesDeriveKey(bdk, pin.ksn, "pin").use { check(pinDecrypt(pin.block, "4012345678909", it, PinFormat.ISO0) == "1234") }
    dukptTdesDeriveKey(bdk, mac.ksn, "mac_request").use { macVerify(it, message, mac.mac, "iso9797_3") }
    println("host: PIN decrypted, request MAC verified")

    // After a restart the terminal resumes from its stored state, never reusing a counter.
    DukptPinPad(DukptTdesDevice.restore(stored)) { stored = it.copyOf() }.use {
        println("resumed at KSN ${it.encryptPin("1234", "4012345678909").ksn.toHex()}")
    }
    bdk.close()
}
