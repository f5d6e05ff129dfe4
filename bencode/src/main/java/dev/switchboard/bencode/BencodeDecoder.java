package dev.switchboard.bencode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Strict decoder for bencoded documents (BEP 3). Only the canonical encoding of a value is accepted:
 *
 * <ul>
 *   <li>integers {@code i<n>e} with at least one digit, no leading zero, no {@code -0}, no {@code +},
 *       within signed 64 bits;
 *   <li>string length prefixes without leading zeros ({@code 0:} is the empty string);
 *   <li>dictionary keys that are byte strings, unique and in strictly ascending raw byte order;
 *   <li>exactly one top-level value with nothing after it, and not an empty input;
 *   <li>all {@link BencodeLimits} respected.
 * </ul>
 *
 * <p>Every failure is a {@link BencodeException} whose message starts with {@code "at byte N: "}: the
 * start of the offending token (integer, string length prefix, dictionary key, container) or the
 * offending byte, and the input length when the input ends too early. The decoder copies the input
 * once, so later changes to the caller's array affect neither the values nor {@link
 * BDictionary#rawBytes()}; all decoded dictionaries share that copy. Instances are immutable and
 * thread-safe.
 */
public final class BencodeDecoder {

    private static final int MAX_LENGTH_DIGITS_SHOWN = 20;

    private final BencodeLimits limits;

    /** Creates a decoder with {@link BencodeLimits#DEFAULTS}. */
    public BencodeDecoder() {
        this(BencodeLimits.DEFAULTS);
    }

    /** Creates a decoder enforcing {@code limits}. */
    public BencodeDecoder(BencodeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Returns the limits this decoder enforces. */
    public BencodeLimits limits() {
        return limits;
    }

    /** Decodes {@code input}, which must hold exactly one bencoded value. */
    public BValue decode(byte[] input) {
        Objects.requireNonNull(input, "input");
        if (input.length > limits.maxInputLength()) {
            throw BencodeException.at(limits.maxInputLength(), "input length " + input.length
                    + " exceeds limit " + limits.maxInputLength());
        }
        if (input.length == 0) {
            throw BencodeException.at(0, "empty input");
        }
        Cursor cursor = new Cursor(input.clone());
        BValue value = cursor.value(0);
        if (cursor.pos != input.length) {
            throw BencodeException.at(cursor.pos, "trailing data after top-level value ("
                    + (input.length - cursor.pos) + " bytes)");
        }
        return value;
    }

    /** Decodes {@code input} like {@link #decode}, additionally requiring a top-level dictionary. */
    public BDictionary decodeDictionary(byte[] input) {
        BValue value = decode(input);
        if (value instanceof BDictionary dictionary) {
            return dictionary;
        }
        throw BencodeException.at(0, "expected a dictionary at top level, found " + value.type().displayName());
    }

    /** Reading position in one input; one instance per {@link #decode} call. */
    private final class Cursor {
        private final byte[] data;
        private int pos;

        Cursor(byte[] data) {
            this.data = data;
        }

        /** Reads the value at {@code pos}, which is enclosed by {@code depth} containers. */
        BValue value(int depth) {
            if (pos >= data.length) {
                throw endOfInput("value");
            }
            byte b = data[pos];
            if (b == 'i') {
                return integer();
            } else if (b == 'l') {
                return list(depth + 1);
            } else if (b == 'd') {
                return dictionary(depth + 1);
            } else if (isDigit(b)) {
                return string();
            } else if (b == '-' && pos + 1 < data.length && isDigit(data[pos + 1])) {
                throw BencodeException.at(pos, "negative string length");
            }
            throw BencodeException.at(pos, "unexpected byte " + describe(b)
                    + ", expected 'i', 'l', 'd' or a string length");
        }

        private BInteger integer() {
            int start = pos++;
            boolean negative = pos < data.length && data[pos] == '-';
            if (negative) {
                pos++;
            }
            int digitsStart = pos;
            long value = 0; // accumulated as a negative number, whose range includes Long.MIN_VALUE
            boolean overflow = false;
            while (pos < data.length && isDigit(data[pos])) {
                if (!overflow) {
                    try {
                        value = Math.subtractExact(Math.multiplyExact(value, 10), data[pos] - '0');
                    } catch (ArithmeticException e) {
                        overflow = true;
                    }
                }
                pos++;
            }
            String context = "integer starting at byte " + start;
            if (pos >= data.length) {
                throw endOfInput(context);
            }
            if (data[pos] != 'e') {
                throw BencodeException.at(pos, "unexpected byte " + describe(data[pos]) + " in " + context);
            }
            int digits = pos - digitsStart;
            if (digits == 0) {
                throw BencodeException.at(start, "integer without digits");
            }
            if (digits > 1 && data[digitsStart] == '0') {
                throw BencodeException.at(start, "leading zero in integer");
            }
            if (negative && value == 0) {
                throw BencodeException.at(start, "negative zero integer");
            }
            if (overflow || (!negative && value == Long.MIN_VALUE)) {
                throw BencodeException.at(start, "integer out of signed 64-bit range");
            }
            pos++;
            return BInteger.of(negative ? value : -value);
        }

        private BString string() {
            int start = pos;
            long length = 0;
            boolean overLimit = false;
            while (pos < data.length && isDigit(data[pos])) {
                if (!overLimit) {
                    length = length * 10 + (data[pos] - '0');
                    overLimit = length > limits.maxStringLength();
                }
                pos++;
            }
            String context = "string length starting at byte " + start;
            if (pos >= data.length) {
                throw endOfInput(context);
            }
            if (data[pos] != ':') {
                throw BencodeException.at(pos, "unexpected byte " + describe(data[pos]) + " in " + context);
            }
            int digits = pos - start;
            if (digits > 1 && data[start] == '0') {
                throw BencodeException.at(start, "leading zero in string length");
            }
            if (overLimit) {
                throw BencodeException.at(start, "string length " + lengthText(start, digits)
                        + " exceeds limit " + limits.maxStringLength());
            }
            pos++;
            int remaining = data.length - pos;
            if (length > remaining) {
                throw BencodeException.at(start, "string length " + length
                        + " exceeds remaining input (" + remaining + " bytes)");
            }
            byte[] bytes = Arrays.copyOfRange(data, pos, pos + (int) length);
            pos += (int) length;
            return BString.wrap(bytes);
        }

        private BList list(int depth) {
            int start = pos;
            checkDepth(depth);
            pos++;
            List<BValue> values = new ArrayList<>();
            while (true) {
                if (pos >= data.length) {
                    throw endOfInput("list starting at byte " + start);
                }
                if (data[pos] == 'e') {
                    pos++;
                    return BList.of(values);
                }
                if (values.size() == limits.maxElements()) {
                    throw BencodeException.at(pos, "list has more than " + limits.maxElements() + " elements");
                }
                values.add(value(depth));
            }
        }

        private BDictionary dictionary(int depth) {
            int start = pos;
            checkDepth(depth);
            pos++;
            TreeMap<BString, BValue> entries = new TreeMap<>();
            BString previous = null;
            while (true) {
                if (pos >= data.length) {
                    throw endOfInput("dictionary starting at byte " + start);
                }
                byte b = data[pos];
                if (b == 'e') {
                    pos++;
                    return BDictionary.decoded(entries, data, start, pos - start);
                }
                int keyStart = pos;
                if (!isDigit(b)) {
                    throw BencodeException.at(pos, "dictionary key must be a byte string, found " + describeValueStart(b));
                }
                if (entries.size() == limits.maxElements()) {
                    throw BencodeException.at(pos, "dictionary has more than " + limits.maxElements() + " entries");
                }
                BString key = string();
                if (previous != null) {
                    int order = key.compareTo(previous);
                    if (order == 0) {
                        throw BencodeException.at(keyStart, "duplicate dictionary key '" + key + "'");
                    }
                    if (order < 0) {
                        throw BencodeException.at(keyStart,
                                "dictionary keys out of order: '" + key + "' after '" + previous + "'");
                    }
                }
                entries.put(key, value(depth));
                previous = key;
            }
        }

        private void checkDepth(int depth) {
            if (depth > limits.maxDepth()) {
                throw BencodeException.at(pos, "nesting depth exceeds limit " + limits.maxDepth());
            }
        }

        private BencodeException endOfInput(String context) {
            return BencodeException.at(data.length, "unexpected end of input in " + context);
        }

        private String lengthText(int start, int digits) {
            int shown = Math.min(digits, MAX_LENGTH_DIGITS_SHOWN);
            String text = new String(data, start, shown, StandardCharsets.US_ASCII);
            return shown == digits ? text : text + "...";
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String describeValueStart(byte b) {
        return switch (b) {
            case 'i' -> "integer";
            case 'l' -> "list";
            case 'd' -> "dictionary";
            default -> "byte " + describe(b);
        };
    }

    private static String describe(byte b) {
        return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("0x%02x", b & 0xff);
    }
}
