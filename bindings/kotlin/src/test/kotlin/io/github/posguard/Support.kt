package io.github.posguard

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.assertThrows
import java.io.File

fun hex(s: String): ByteArray = ByteArray(s.length / 2) { s.substring(2 * it, 2 * it + 2).toInt(16).toByte() }

fun ByteArray.toHex(): String = joinToString("") { "%02X".format(it) }

/** The published vectors in core/tests/vectors (path passed by the pom as a system property). */
fun vectors(file: String, section: String = "vectors"): List<JSONObject> {
    val dir = System.getProperty("posguard.vectors.dir") ?: error("posguard.vectors.dir is not set")
    val array = JSONObject(File(dir, file).readText()).getJSONArray(section)
    return List(array.length()) { array.getJSONObject(it) }
}

fun JSONObject.optHex(name: String): ByteArray? = if (isNull(name)) null else hex(getString(name))

fun JSONObject.optStr(name: String): String? = if (isNull(name)) null else getString(name)

/** Asserts that [block] throws exactly the subclass [T] with the core's numeric [code]. */
inline fun <reified T : PosguardException> assertPosguard(code: UInt, noinline block: () -> Unit): T {
    val e = assertThrows<T>(block)
    assertEquals(T::class, e::class)
    assertEquals(code, e.code())
    return e
}

/** Test keys; the material is arbitrary, only the lengths matter. */
object Keys {
    val TDES = hex("0123456789ABCDEFFEDCBA9876543210")
    val AES = hex("000102030405060708090A0B0C0D0E0F")
    val SM4 = hex("0123456789ABCDEFFEDCBA9876543210")

    /** A PIN key of the algorithm [format] needs (TDES for 0-3, AES for 4, SM4 for SM4). */
    fun pinKeyFor(format: PinFormat, mode: String? = null): Key {
        val (material, algorithm) = when (format) {
            PinFormat.ISO4 -> AES to "aes"
            PinFormat.SM4 -> SM4 to "sm4"
            else -> TDES to "tdes"
        }
        return if (mode == null) Key(material, algorithm, "pin") else Key.withMode(material, algorithm, "pin", mode)
    }
}

/** Every object of a decoded tree, a template before its children (depth-first pre-order). */
fun List<Tlv>.preorder(): List<Tlv> = flatMap { listOf(it) + it.children.preorder() }

/** Asserts a [PosguardException.MalformedTlv] at byte [offset] of the input. */
fun assertMalformedTlv(offset: Int, block: () -> Unit): PosguardException.MalformedTlv {
    val e = assertPosguard<PosguardException.MalformedTlv>(40u, block)
    assertEquals(offset.toULong(), e.offset, e.reason)
    return e
}

/** A [RandomSource] that returns [bytes] once, e.g. the published padding of a key block. */
class Replay(private val bytes: ByteArray) : RandomSource {
    var used = false
        private set

    // No assertions in here: a callback must not throw an Error back into native code.
    override fun fill(length: UInt): ByteArray {
        used = true
        return bytes
    }
}

/** [this] with bit [bit] (0 = the most significant bit of byte 0) flipped. */
fun ByteArray.flipBit(bit: Int): ByteArray = copyOf().also { it[bit / 8] = (it[bit / 8].toInt() xor (0x80 ushr (bit % 8))).toByte() }
