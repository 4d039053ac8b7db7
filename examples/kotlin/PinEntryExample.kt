// App-style use of posguard from Kotlin: an Android smart-POS app keeps its PIN
// key in native memory and sends the host only an encrypted PIN block.
// Compiled and run by the binding's Maven test build (bindings/kotlin/pom.xml).
package io.github.posguard.examples

import io.github.posguard.Key
import io.github.posguard.PinFormat
import io.github.posguard.PosguardException
import io.github.posguard.pinCheckPolicy
import io.github.posguard.pinEncrypt

/** The terminal's PIN pad: owns the PIN encryption key until closed. */
class PinPad(keyMaterial: ByteArray) : AutoCloseable {
    private val pinKey: Key

    init {
        // The native key keeps the only copy of the material; wipe the caller's.
        try {
            pinKey = Key(keyMaterial, algorithm = "aes", usage = "pin")
        } finally {
            keyMaterial.fill(0)
        }
    }

    /** The key check value the host compares at sign-on (not secret). */
    fun checkValue(): ByteArray = pinKey.kcv()

    /** ISO 9564 format 4 PIN block for the authorization request (ISO 8583 field 52). */
    fun encryptPin(pin: String, pan: String): ByteArray = pinEncrypt(pin, pan, pinKey, PinFormat.ISO4)

    /** Wipes the key now rather than when the garbage collector gets to it. */
    override fun close() = pinKey.close()
}

fun main() {
    val injectedKey = ByteArray(16) { (it * 17).toByte() } // a demo key; real ones come from key injection
    PinPad(injectedKey).use { pad ->
        val kcv = pad.checkValue().joinToString("") { "%02X".format(it) }
        println("PIN key loaded, check value $kcv")
        try {
            pinCheckPolicy("1234") // on PIN change: refuse weak PINs
        } catch (e: PosguardException.WeakPin) {
            println("new PIN refused: ${e.reason}")
        }
        val block = pad.encryptPin("482915", "4111111111111111")
        println("encrypted PIN block ready (${block.size} bytes)") // never log the PIN or the clear block
    }
}
