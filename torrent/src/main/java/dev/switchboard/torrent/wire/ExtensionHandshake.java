package dev.switchboard.torrent.wire;

import dev.switchboard.bencode.BDictionary;
import dev.switchboard.bencode.BInteger;
import dev.switchboard.bencode.BString;
import dev.switchboard.bencode.BValue;
import dev.switchboard.bencode.BencodeDecoder;
import dev.switchboard.bencode.BencodeEncoder;
import dev.switchboard.bencode.BencodeException;
import dev.switchboard.bencode.BencodeLimits;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The BEP 10 extension handshake: the bencoded dictionary carried by {@link PeerMessage.Extended} with
 * extended id 0.
 *
 * <p>Keys, as named on the wire: {@code m} ({@link #messages()}: extension name to the extended id the
 * sender wants to receive it under, 0 meaning disabled), {@code p} ({@link #listenPort()}), {@code v}
 * ({@link #client()}), {@code reqq} ({@link #requestQueueLength()}: requests the sender queues without
 * dropping), {@code metadata_size} (BEP 9, {@link #metadataSize()}) and {@code yourip} ({@link
 * #yourIp()}: the address the sender sees us at).
 *
 * <p>Decoding follows BEP 10's "unknown names should be ignored" and libtorrent's leniency: a known key
 * with a value of the wrong type or out of range is treated as absent (an {@code m} entry likewise);
 * only a payload that is not a bencoded dictionary is refused.
 */
public record ExtensionHandshake(
        Map<String, Integer> messages,
        OptionalInt listenPort,
        Optional<String> client,
        OptionalInt requestQueueLength,
        OptionalLong metadataSize,
        Optional<InetAddress> yourIp) {

    /** The extended message id of the handshake itself. */
    public static final int EXTENDED_ID = 0;

    private static final BencodeLimits LIMITS = BencodeLimits.DEFAULTS
            .withMaxInputLength(PeerWireLimits.DEFAULT_MAX_MESSAGE_LENGTH)
            .withMaxDepth(4)
            .withMaxElements(1024);

    public ExtensionHandshake {
        messages = Collections.unmodifiableMap(new TreeMap<>(messages));
        messages.forEach((name, id) -> {
            if (id < 0 || id > 255) {
                throw new IllegalArgumentException("extension '" + name + "' has id " + id + ", outside 0..255");
            }
        });
    }

    /** A handshake announcing {@code messages} and nothing else. */
    public static ExtensionHandshake of(Map<String, Integer> messages) {
        return new ExtensionHandshake(messages, OptionalInt.empty(), Optional.empty(), OptionalInt.empty(),
                OptionalLong.empty(), Optional.empty());
    }

    /** The bencoded dictionary. */
    public byte[] encode() {
        BDictionary.Builder m = BDictionary.builder();
        messages.forEach((name, id) -> m.put(name, id));
        BDictionary.Builder dict = BDictionary.builder().put("m", m.build());
        metadataSize.ifPresent(size -> dict.put("metadata_size", size));
        listenPort.ifPresent(port -> dict.put("p", port));
        requestQueueLength.ifPresent(reqq -> dict.put("reqq", reqq));
        client.ifPresent(v -> dict.put("v", v));
        yourIp.ifPresent(ip -> dict.put("yourip", ip.getAddress()));
        return new BencodeEncoder().encode(dict.build());
    }

    /** This handshake as the message that carries it. */
    public PeerMessage.Extended toMessage() {
        return new PeerMessage.Extended(EXTENDED_ID, encode());
    }

    /**
     * Reads the handshake dictionary.
     *
     * @throws PeerWireException (malformed) unless {@code payload} is one bencoded dictionary
     */
    public static ExtensionHandshake decode(byte[] payload) {
        BDictionary dict;
        try {
            dict = new BencodeDecoder(LIMITS).decodeDictionary(payload);
        } catch (BencodeException e) {
            throw PeerWireException.malformed("extension handshake is not a bencoded dictionary: " + e.getMessage());
        }
        return new ExtensionHandshake(messages(dict), intIn(dict, "p", 1, 65535), string(dict, "v"),
                intIn(dict, "reqq", 1, Integer.MAX_VALUE), longAtLeast(dict, "metadata_size", 0), address(dict));
    }

    private static Map<String, Integer> messages(BDictionary dict) {
        Map<String, Integer> messages = new TreeMap<>();
        if (dict.get("m").orElse(null) instanceof BDictionary m) {
            m.entries().forEach((name, value) -> {
                if (value instanceof BInteger id && id.value() >= 0 && id.value() <= 255) {
                    messages.put(name.utf8(), (int) id.value());
                }
            });
        }
        return messages;
    }

    private static OptionalInt intIn(BDictionary dict, String key, int min, int max) {
        BValue value = dict.get(key).orElse(null);
        if (value instanceof BInteger i && i.value() >= min && i.value() <= max) {
            return OptionalInt.of((int) i.value());
        }
        return OptionalInt.empty();
    }

    private static OptionalLong longAtLeast(BDictionary dict, String key, long min) {
        BValue value = dict.get(key).orElse(null);
        return value instanceof BInteger i && i.value() >= min ? OptionalLong.of(i.value()) : OptionalLong.empty();
    }

    private static Optional<String> string(BDictionary dict, String key) {
        return dict.get(key).orElse(null) instanceof BString s ? Optional.of(s.utf8()) : Optional.empty();
    }

    private static Optional<InetAddress> address(BDictionary dict) {
        if (dict.get("yourip").orElse(null) instanceof BString s && (s.length() == 4 || s.length() == 16)) {
            try {
                return Optional.of(InetAddress.getByAddress(s.bytes()));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 or 16 bytes are always an address", e);
            }
        }
        return Optional.empty();
    }
}
