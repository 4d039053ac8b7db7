package io.github.posguard

import io.github.posguard.examples.PinPad
import io.github.posguard.examples.dukpt.DukptPinPad
import io.github.posguard.examples.field55.EmvTransaction
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** Runs examples/kotlin so they keep compiling and working. */
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
    fun `the PIN pad example's main runs`() {
        io.github.posguard.examples.main()
    }

    @Test
    fun `the field 55 example lays out CDOL1 data and field 55`() {
        val record = hex(vectors("tlv.json").single { it.getString("kind") == "read_record" && "CDOL1" in it.getString("name") }.getString("hex"))
        val terminal = mapOf("9F02" to "000000001000", "9A" to "251231", "9F37" to "1A2B3C4D").mapValues { hex(it.value) }
        val transaction = EmvTransaction(terminal)
        // CDOL1 9F02 06 9F03 06 9F1A 02 95 05 5F2A 02 9A 03 9C 01 9F37 04; missing elements are zeros.
        val expected = "000000001000" + "000000000000" + "0000" + "0000000000" + "0000" + "251231" + "00" + "1A2B3C4D"
        assertEquals(expected, transaction.generateAcData(listOf(record)).toHex())
        assertThrows<IllegalStateException> { transaction.generateAcData(listOf(hex("9C0100"))) }

        val response = hex("770D" + "9F270180" + "9F2603AABBCC" + "9C0109")
        val field55 = tlvDecode(transaction.field55(listOf(response, record)), strict = true)
        // In FIELD_55_TAGS order; the card's 9C wins over none from the terminal; absent tags left out.
        assertEquals(
            listOf("9F26" to "AABBCC", "9F27" to "80", "9F37" to "1A2B3C4D", "9A" to "251231", "9C" to "09", "9F02" to "000000001000"),
            field55.map { it.tag to it.value.toHex() },
        )
    }

    @Test
    fun `the field 55 example's main runs`() {
        io.github.posguard.examples.field55.main()
    }

    @Test
    fun `the DUKPT example's PIN and MAC verify at the host`() {
        val bdk = Key(hex("0123456789ABCDEFFEDCBA9876543210"), "tdes", "bdk")
        val ksn = hex("FFFF9876543210E00000")
        var saves = 0
        val pad = dukptTdesDeriveIpek(bdk, ksn).use { DukptPinPad(DukptTdesDevice(it, ksn)) { saves++ } }
        pad.use {
            val pin = it.encryptPin("4821", "4111111111111111")
            val mac = it.macRequest("request".toByteArray())
            assertEquals("FFFF9876543210E00001", pin.ksn.toHex())
            assertEquals("FFFF9876543210E00002", mac.ksn.toHex())
            dukptTdesDeriveKey(bdk, pin.ksn, "pin").use { key -> assertEquals("4821", pinDecrypt(pin.block, "4111111111111111", key, PinFormat.ISO0)) }
            dukptTdesDeriveKey(bdk, mac.ksn, "mac_request").use { key -> macVerify(key, "request".toByteArray(), mac.mac, "iso9797_3") }
        }
        assertEquals(2, saves)
        bdk.close()
    }

    @Test
    fun `the DUKPT example's main runs`() {
        io.github.posguard.examples.dukpt.main()
    }
}
