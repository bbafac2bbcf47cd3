package com.sealflow.protocol.cbor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic encoder and strict decoder for {@link CborValue}. The decoder accepts only the
 * one canonical encoding of a value (shortest integer heads, sorted unique map keys, definite
 * lengths, no trailing bytes), so a signature over decoded-then-re-encoded bytes means the same
 * as one over the received bytes.
 */
public final class Cbor {

    /** Deeper nesting than our formats need is refused rather than recursed into. */
    public static final int MAX_DEPTH = 8;

    private static final int UINT = 0;
    private static final int NEGINT = 1;
    private static final int BYTES = 2;
    private static final int TEXT = 3;
    private static final int ARRAY = 4;
    private static final int MAP = 5;
    private static final int SIMPLE = 7;

    private Cbor() {
    }

    public static byte[] encode(CborValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        write(value, out);
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void write(CborValue value, ByteArrayOutputStream out) {
        if (value instanceof CborValue.Int i) {
            long v = i.value();
            if (v >= 0) {
                head(UINT, v, out);
            } else {
                head(NEGINT, -1 - v, out);
            }
        } else if (value instanceof CborValue.Bytes b) {
            byte[] bytes = b.value();
            head(BYTES, bytes.length, out);
            out.writeBytes(bytes);
        } else if (value instanceof CborValue.Text t) {
            byte[] bytes = utf8(t.value());
            head(TEXT, bytes.length, out);
            out.writeBytes(bytes);
        } else if (value instanceof CborValue.Array a) {
            head(ARRAY, a.items().size(), out);
            a.items().forEach(item -> write(item, out));
        } else if (value instanceof CborValue.TextMap m) {
            head(MAP, m.entries().size(), out);
            m.entries().forEach((k, v) -> {
                write(new CborValue.Text(k), out);
                write(v, out);
            });
        } else if (value instanceof CborValue.Bool b) {
            out.write(0xE0 | (b.value() ? 21 : 20));
        } else {
            out.write(0xF6);
        }
    }

    /** Major type and argument in the shortest form; {@code argument} is treated as unsigned. */
    private static void head(int major, long argument, ByteArrayOutputStream out) {
        int type = major << 5;
        if (argument >= 0 && argument < 24) {
            out.write(type | (int) argument);
        } else if (argument >= 0 && argument <= 0xFF) {
            out.write(type | 24);
            out.write((int) argument);
        } else if (argument >= 0 && argument <= 0xFFFF) {
            out.write(type | 25);
            writeBigEndian(argument, 2, out);
        } else if (argument >= 0 && argument <= 0xFFFF_FFFFL) {
            out.write(type | 26);
            writeBigEndian(argument, 4, out);
        } else {
            out.write(type | 27);
            writeBigEndian(argument, 8, out);
        }
    }

    private static void writeBigEndian(long value, int bytes, ByteArrayOutputStream out) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    public static CborValue decode(byte[] data) throws CborException {
        Reader reader = new Reader(data);
        CborValue value = reader.value(0);
        if (reader.position != data.length) {
            throw new CborException("trailing bytes after the CBOR value");
        }
        return value;
    }

    private static final class Reader {
        private final byte[] data;
        private int position;

        Reader(byte[] data) {
            this.data = data;
        }

        CborValue value(int depth) throws CborException {
            if (depth > MAX_DEPTH) {
                throw new CborException("nested deeper than " + MAX_DEPTH);
            }
            int initial = next();
            int major = initial >>> 5;
            int info = initial & 0x1F;
            if (major == SIMPLE) {
                return switch (info) {
                    case 20 -> new CborValue.Bool(false);
                    case 21 -> new CborValue.Bool(true);
                    case 22 -> CborValue.Null.INSTANCE;
                    default -> throw new CborException("unsupported simple value or float " + info);
                };
            }
            long argument = argument(info);
            return switch (major) {
                case UINT -> new CborValue.Int(nonNegativeLong(argument));
                case NEGINT -> new CborValue.Int(-1 - nonNegativeLong(argument));
                case BYTES -> new CborValue.Bytes(take(argument));
                case TEXT -> new CborValue.Text(text(take(argument)));
                case ARRAY -> array(argument, depth);
                case MAP -> map(argument, depth);
                default -> throw new CborException("tags are not accepted");
            };
        }

        private CborValue array(long count, int depth) throws CborException {
            checkCount(count);
            List<CborValue> items = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                items.add(value(depth + 1));
            }
            return new CborValue.Array(items);
        }

        private CborValue map(long count, int depth) throws CborException {
            checkCount(count);
            Map<String, CborValue> entries = new LinkedHashMap<>();
            String previous = null;
            for (long i = 0; i < count; i++) {
                if (!(value(depth + 1) instanceof CborValue.Text key)) {
                    throw new CborException("map keys must be text");
                }
                if (previous != null && CborValue.KEY_ORDER.compare(previous, key.value()) >= 0) {
                    throw new CborException("map keys not in canonical order or repeated: " + key.value());
                }
                previous = key.value();
                entries.put(key.value(), value(depth + 1));
            }
            return new CborValue.TextMap(entries);
        }

        /** Every item takes at least one byte, so a count above the bytes left is a lie. */
        private void checkCount(long count) throws CborException {
            if (count < 0 || count > data.length - position) {
                throw new CborException("count " + count + " exceeds the remaining input");
            }
        }

        private long argument(int info) throws CborException {
            if (info < 24) {
                return info;
            }
            int length = switch (info) {
                case 24 -> 1;
                case 25 -> 2;
                case 26 -> 4;
                case 27 -> 8;
                default -> throw new CborException("indefinite or reserved length " + info);
            };
            long value = 0;
            for (int i = 0; i < length; i++) {
                value = value << 8 | next();
            }
            long minimum = length == 1 ? 24 : 1L << (4 * length);
            if (Long.compareUnsigned(value, minimum) < 0) {
                throw new CborException("integer head is not in its shortest form");
            }
            return value;
        }

        private static long nonNegativeLong(long argument) throws CborException {
            if (argument < 0) {
                throw new CborException("integer outside the signed 64-bit range");
            }
            return argument;
        }

        private byte[] take(long length) throws CborException {
            if (length < 0 || length > data.length - position) {
                throw new CborException("string runs past the end of the input");
            }
            byte[] out = new byte[(int) length];
            System.arraycopy(data, position, out, 0, out.length);
            position += out.length;
            return out;
        }

        private static String text(byte[] bytes) throws CborException {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new CborException("text string is not valid UTF-8");
            }
        }

        private int next() throws CborException {
            if (position >= data.length) {
                throw new CborException("input ends inside a value");
            }
            return data[position++] & 0xFF;
        }
    }
}
