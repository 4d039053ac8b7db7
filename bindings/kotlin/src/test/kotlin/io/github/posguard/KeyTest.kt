package io.github.posguard

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class KeyTest {
    @Test
    fun `attributes use the TR-31 vocabulary`() {
        Key(Keys.TDES, "tdes", "pin").use { k ->
            assertEquals("tdes", k.algorithm())
            assertEquals("pin", k.usage())
            assertEquals("P0", k.usageCode())
            assertEquals("B", k.mode())
            assertEquals("TDES-2key", k.kind())
        }
        Key(Keys.TDES + Keys.AES.copyOf(8), "TDES", "P0").use { assertEquals("TDES-3key", it.kind()) }
        Key(Keys.AES + Keys.AES, "aes", "data").use { k ->
            assertEquals("AES-256", k.kind())
            assertEquals("data", k.usage())
            assertEquals("D0", k.usageCode())
        }
        Key(Keys.SM4, "sm4", "kek").use { assertEquals("SM4", it.kind()) }
        Key.withMode(Keys.TDES, "tdes", "pin", "E").use { assertEquals("E", it.mode()) }
    }

    @Test
    fun `toString shows attributes and check value, never material`() {
        Key(Keys.TDES, "tdes", "pin").use { k ->
            val s = k.toString()
            assertTrue(s.contains("TDES-2key"), s)
            assertTrue(s.contains("08D7"), s) // psec's published check value of this key (kcv.json)
            val material = Keys.TDES.toHex()
            for (part in listOf(material, material.take(8), material.takeLast(8))) {
                assertFalse(s.contains(part, ignoreCase = true), s)
            }
        }
    }

    @Test
    fun `export returns the material`() {
        Key(Keys.AES, "aes", "pin").use { assertArrayEquals(Keys.AES, it.exportClear()) }
    }

    @Test
    fun `a key is AutoCloseable and unusable once closed`() {
        val key = Key(Keys.TDES, "tdes", "pin")
        val closeable: AutoCloseable = key
        closeable.use { assertEquals(3, key.kcv().size) }
        assertThrows<IllegalStateException> { key.kcv() }
        key.close() // closing twice is harmless
    }

    @Test
    fun `a mode of use restricts the key`() {
        val pan = "4111111111111111"
        Key.withMode(Keys.TDES, "tdes", "pin", "E").use { encryptOnly ->
            val block = pinEncrypt("4821", pan, encryptOnly, PinFormat.ISO0)
            assertPosguard<PosguardException.KeyUsage>(3u) { pinDecrypt(block, pan, encryptOnly, PinFormat.ISO0) }
        }
    }
}
