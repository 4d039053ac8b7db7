package io.github.posguard

import io.github.posguard.examples.PinPad
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Runs examples/kotlin so it keeps compiling and working. */
class ExampleTest {
    @Test
    fun `the PIN pad example encrypts for the host and wipes the caller's material`() {
        val material = Keys.AES.copyOf()
        val block = PinPad(material).use { it.encryptPin("482915", "4111111111111111") }
        assertTrue(material.all { it == 0.toByte() })
        Key(Keys.AES, "aes", "pin").use { host ->
            assertEquals("482915", pinDecrypt(block, "4111111111111111", host, PinFormat.ISO4))
            assertArrayEquals(host.kcv(), PinPad(Keys.AES.copyOf()).use { it.checkValue() })
        }
    }

    @Test
    fun `the example's main runs`() {
        io.github.posguard.examples.main()
    }
}
