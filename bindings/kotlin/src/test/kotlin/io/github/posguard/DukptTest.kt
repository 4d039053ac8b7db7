package io.github.posguard

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.Collections
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** DUKPT devices against the host side, save/restore, exhaustion. Published keys are in VectorsTest. */
class DukptTest {
    // ANSI X9.24-1:2009 A.4 test BDK and initial KSN.
    private val tdesBdk = hex("0123456789ABCDEFFEDCBA9876543210")
    private val tdesKsn = hex("FFFF9876543210E00000")

    // ANSI X9.24-3:2017 supplement AES-128 test BDK and initial key ID.
    private val aesBdk = hex("FEDCBA9876543210F1F1F1F1F1F1F1F1")
    private val aesId = hex("1234567890123456")

    private val tdesUsages = listOf("pin", "mac_request", "mac_response", "data_request", "data_response")

    /** The 21-bit counter of a TDES KSN. */
    private fun tdesCounter(ksn: ByteArray): Int =
        ((ksn[7].toInt() and 0x1F) shl 16) or ((ksn[8].toInt() and 0xFF) shl 8) or (ksn[9].toInt() and 0xFF)

    @Test
    fun `TDES device and host agree on every key for hundreds of transactions across save and restore`() {
        Key(tdesBdk, "tdes", "bdk").use { bdk ->
            val ipek = dukptTdesDeriveIpek(bdk, tdesKsn)
            var device = DukptTdesDevice(ipek, tdesKsn)
            var remaining = device.remaining()
            val seen = mutableSetOf<String>()
            for (i in 0 until 400) {
                if (i == 150 || i == 333) {
                    val state = device.save()
                    device.close()
                    device = DukptTdesDevice.restore(state)
                    state.fill(0)
                }
                val usage = tdesUsages[i % tdesUsages.size]
                val expectedKsn = device.ksn()
                val txn = device.next(usage)
                assertArrayEquals(expectedKsn, txn.ksn)
                assertTrue(seen.add(txn.ksn.toHex()), "a KSN is never reused")
                assertTrue(Integer.bitCount(tdesCounter(txn.ksn)) <= 10)
                assertEquals(remaining - 1u, device.remaining())
                remaining = device.remaining()
                txn.key.use { key ->
                    dukptTdesDeriveKey(bdk, txn.ksn, usage).use { host -> assertArrayEquals(host.exportClear(), key.exportClear(), "$i $usage") }
                    dukptTdesDeriveKeyFromIpek(ipek, txn.ksn, usage).use { assertArrayEquals(it.exportClear(), key.exportClear()) }
                    assertEquals(if (usage == "pin") "P0" else if (usage.startsWith("mac")) "M3" else "D0", key.usageCode())
                }
            }
            assertTrue(device.toString().contains(device.ksn().toHex()), device.toString())
            device.close()
            ipek.close()
        }
    }

    @Test
    fun `TDES device skips counters with more than 10 one-bits`() {
        Key(tdesBdk, "tdes", "bdk").use { bdk ->
            dukptTdesDeriveIpek(bdk, tdesKsn).use { ipek ->
                // Counter 0x0003FE has 9 one-bits: the next ones (0x0003FF has 10) then carry to 0x000400.
                DukptTdesDevice(ipek, hex("FFFF9876543210E003FE")).use { device ->
                    val counters = List(4) { tdesCounter(device.next("pin").ksn) }
                    assertEquals(listOf(0x3FE, 0x3FF, 0x400, 0x401), counters)
                }
                // A counter with 10 one-bits (0x0FFC00) is followed by its carry, 0x100000.
                DukptTdesDevice(ipek, hex("FFFF9876543210EFFC00")).use { device ->
                    assertEquals(0xFFC00, tdesCounter(device.next("pin").ksn))
                    assertEquals(0x100000, tdesCounter(device.ksn()))
                }
            }
        }
    }

    @Test
    fun `TDES device near the end of its counter range runs out with DukptExhausted`() {
        Key(tdesBdk, "tdes", "bdk").use { bdk ->
            dukptTdesDeriveIpek(bdk, tdesKsn).use { ipek ->
                // 0x1FF800: the last counter with at most 10 one-bits.
                val last = hex("FFFF9876543210FFF800")
                DukptTdesDevice(ipek, last).use { device ->
                    assertEquals(1u, device.remaining())
                    val txn = device.next("pin")
                    assertArrayEquals(last, txn.ksn)
                    txn.key.use { key -> dukptTdesDeriveKey(bdk, last, "pin").use { assertArrayEquals(it.exportClear(), key.exportClear()) } }
                    assertEquals(0u, device.remaining())
                    assertEquals(0, tdesCounter(device.ksn()))
                    assertPosguard<PosguardException.DukptExhausted>(61u) { device.next("pin") }
                    // An exhausted device saves and restores as exhausted.
                    DukptTdesDevice.restore(device.save()).use {
                        assertPosguard<PosguardException.DukptExhausted>(61u) { it.next("pin") }
                    }
                }
            }
        }
    }

    @Test
    fun `AES device and host agree on every key for hundreds of transactions across save and restore`() {
        Key(aesBdk, "aes", "bdk").use { bdk ->
            val ik = dukptAesDeriveInitialKey(bdk, aesId)
            val ksn0 = aesId + ByteArray(4)
            var device = DukptAesDevice(ik, ksn0)
            assertEquals("aes128", device.keyType())
            var remaining = device.remaining()
            val cases = listOf(
                "pin" to null, "mac_generate" to "aes128", "mac_verify" to "hmac128", "mac_both" to "tdes2",
                "data_encrypt" to "aes128", "data_decrypt" to "tdes2", "data_both" to null, "kek" to "aes128",
            )
            val seen = mutableSetOf<String>()
            for (i in 0 until 300) {
                if (i == 100 || i == 257) {
                    val state = device.save()
                    device.close()
                    device = DukptAesDevice.restore(state)
                    state.fill(0)
                }
                val (usage, keyType) = cases[i % cases.size]
                val expectedKsn = device.ksn()
                val txn = device.next(usage, keyType)
                assertArrayEquals(expectedKsn, txn.ksn)
                assertTrue(seen.add(txn.ksn.toHex()))
                assertArrayEquals(aesId, txn.ksn.copyOf(8))
                assertEquals(remaining - 1u, device.remaining())
                remaining = device.remaining()
                txn.key.use { key ->
                    val type = keyType ?: "aes128"
                    dukptAesDeriveKey(bdk, txn.ksn, usage, type).use { assertArrayEquals(it.exportClear(), key.exportClear(), "$i $usage $type") }
                    dukptAesDeriveWorkingKey(ik, txn.ksn, usage, type).use { assertArrayEquals(it.exportClear(), key.exportClear()) }
                }
            }
            device.close()
            ik.close()
        }
    }

    @Test
    fun `AES device at its last counter runs out with DukptExhausted`() {
        Key(aesBdk, "aes", "bdk").use { bdk ->
            dukptAesDeriveInitialKey(bdk, aesId).use { ik ->
                val last = aesId + hex("FFFF0000")
                DukptAesDevice(ik, last).use { device ->
                    assertEquals(1u, device.remaining())
                    assertArrayEquals(last, device.next("pin").ksn)
                    assertEquals(0u, device.remaining())
                    assertArrayEquals(aesId + ByteArray(4), device.ksn())
                    assertPosguard<PosguardException.DukptExhausted>(61u) { device.next("pin") }
                    DukptAesDevice.restore(device.save()).use {
                        assertPosguard<PosguardException.DukptExhausted>(61u) { it.next("pin") }
                    }
                }
            }
        }
    }

    @Test
    fun `one device used from many threads hands out each counter once`() {
        Key(aesBdk, "aes", "bdk").use { bdk ->
            dukptAesDeriveInitialKey(bdk, aesId).use { ik ->
                DukptAesDevice(ik, aesId + ByteArray(4)).use { device ->
                    val ksns = Collections.synchronizedList(mutableListOf<String>())
                    val pool = Executors.newFixedThreadPool(4)
                    repeat(200) { pool.execute { ksns += device.next("pin").ksn.toHex() } }
                    pool.shutdown()
                    assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS))
                    assertEquals(200, ksns.toSet().size)
                    assertEquals(aesId.toHex() + "000000C9", device.ksn().toHex())
                }
            }
        }
    }

    @Test
    fun `DUKPT keys carry their usage into the operations`() {
        Key(tdesBdk, "tdes", "bdk").use { bdk ->
            val ksn = hex("FFFF9876543210E00001")
            dukptTdesDeriveKey(bdk, ksn, "pin").use { pinKey ->
                val block = pinEncrypt("1234", "4012345678909", pinKey, PinFormat.ISO0)
                assertEquals("1234", pinDecrypt(block, "4012345678909", pinKey, PinFormat.ISO0))
                assertPosguard<PosguardException.KeyUsage>(3u) { macGenerate(pinKey, ByteArray(8), "iso9797_3") }
                assertPosguard<PosguardException.KeyUsage>(3u) { dataEncrypt(pinKey, ByteArray(8)) }
            }
            dukptTdesDeriveKey(bdk, ksn, "mac_request").use { mak ->
                assertPosguard<PosguardException.KeyUsage>(3u) { pinEncrypt("1234", "4012345678909", mak, PinFormat.ISO0) }
                assertPosguard<PosguardException.KeyUsage>(3u) { dataEncrypt(mak, ByteArray(8)) }
            }
        }
        Key(aesBdk, "aes", "bdk").use { bdk ->
            dukptAesDeriveInitialKey(bdk, aesId).use { ik ->
                DukptAesDevice(ik, aesId + ByteArray(4)).use { device ->
                    // The device's generate-only MAC key cannot verify; the host's key verifies it.
                    val txn = device.next("mac_generate")
                    val message = "0200 authorization request".toByteArray()
                    val mac = txn.key.use { key ->
                        macGenerate(key, message, "cmac").also { assertPosguard<PosguardException.KeyUsage>(3u) { macVerify(key, message, it, "cmac") } }
                    }
                    dukptAesDeriveKey(bdk, txn.ksn, "mac_generate", "aes128").use { host ->
                        macVerify(host, message, mac, "cmac")
                        assertPosguard<PosguardException.KeyUsage>(3u) { macGenerate(host, message, "cmac") }
                    }
                    device.next("pin").key.use { pinKey ->
                        val block = pinEncrypt("482915", "4111111111111111", pinKey, PinFormat.ISO4)
                        assertEquals("482915", pinDecrypt(block, "4111111111111111", pinKey, PinFormat.ISO4))
                    }
                }
            }
        }
    }
    @Test
    fun `one transaction gives the PIN and the MAC key under one KSN`() {
        Key(tdesBdk, "tdes", "bdk").use { bdk ->
            DukptTdesDevice(dukptTdesDeriveIpek(bdk, tdesKsn), tdesKsn).use { device ->
                device.nextTransaction().use { txn ->
                    for (usage in tdesUsages) {
                        val host = dukptTdesDeriveKey(bdk, txn.ksn(), usage)
                        assertArrayEquals(host.exportClear(), txn.key(usage).exportClear(), usage)
                    }
                    assertTrue(txn.toString().contains("FFFF9876543210E00001"))
                }
            }
        }
        Key(aesBdk, "aes", "bdk").use { bdk ->
            DukptAesDevice(dukptAesDeriveInitialKey(bdk, aesId), aesId + ByteArray(4)).use { device ->
                device.nextTransaction().use { txn ->
                    val mac = txn.key("mac_generate")
                    assertEquals(listOf("M6", "G"), listOf(mac.usageCode(), mac.mode()))
                    val host = dukptAesDeriveKey(bdk, txn.ksn(), "mac_generate", "aes128")
                    assertEquals("V", host.mode())
                    assertArrayEquals(host.exportClear(), mac.exportClear())
                    assertEquals("P0", txn.key("pin", "aes128").usageCode())
                }
            }
        }
    }

    @Test
    fun `a refused AES key request uses no counter`() {
        Key(aesBdk, "aes", "bdk").use { bdk ->
            DukptAesDevice(dukptAesDeriveInitialKey(bdk, aesId), aesId + ByteArray(4)).use { device ->
                val before = device.ksn()
                for ((usage, type) in listOf("pin" to "hmac128", "pin" to "aes256", "data_both" to "hmac128")) {
                    assertPosguard<PosguardException.KeyAlgorithm>(4u) { device.next(usage, type) }
                }
                assertArrayEquals(before, device.ksn())
            }
        }
    }
}
