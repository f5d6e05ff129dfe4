package dev.switchboard.torrent.announce;

import dev.switchboard.bencode.BDictionary;
import dev.switchboard.bencode.BList;
import dev.switchboard.bencode.BString;
import dev.switchboard.bencode.BValue;
import dev.switchboard.bencode.BencodeDecoder;
import dev.switchboard.bencode.BencodeException;
import dev.switchboard.bencode.BencodeLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads the bencoded body of an HTTP announce reply (BEP 3, 23, 7), strictly: canonical bencode
 * only, a dictionary at the top, every key of the right type. {@code failure reason} becomes a
 * refusal; anything else wrong becomes one malformed error naming what was wrong. Peers come from
 * compact {@code peers} (6 bytes each), {@code peers6} (18 bytes each) or the BEP 3 list of
 * {@code {ip, port}} dictionaries; list entries whose {@code ip} is a DNS name rather than an address
 * are skipped, so that no caller ever has to resolve a name a tracker handed out. Stateless.
 */
final class BencodedAnnounceReply {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    /** The longest interval believed: a day. A larger one is cut to it. */
    static final long MAX_INTERVAL_SECONDS = 24 * 3600;

    private BencodedAnnounceReply() {
    }

    /**
     * @throws AnnounceException refused with the tracker's text, or malformed naming the fault
     */
    static AnnounceResponse parse(byte[] body, int maxBytes) {
        BDictionary reply;
        try {
            reply = new BencodeDecoder(limits(maxBytes)).decodeDictionary(body);
        } catch (BencodeException e) {
            throw malformed("not a bencoded dictionary: " + e.getMessage(), e);
        }
        try {
            Optional<String> failure = reply.optionalString("failure reason");
            if (failure.isPresent()) {
                throw AnnounceException.refused(failure.get());
            }
            return response(reply);
        } catch (BencodeException e) {
            throw malformed(e.getMessage(), e);
        } catch (CompactPeers.WrongLength e) {
            throw malformed(e.getMessage(), e);
        }
    }

    static BencodeLimits limits(int maxBytes) {
        return BencodeLimits.DEFAULTS.withMaxInputLength(maxBytes).withMaxStringLength(maxBytes).withMaxDepth(4);
    }

    private static AnnounceResponse response(BDictionary reply) {
        if (!reply.containsKey("interval")) {
            throw malformed("missing key 'interval'", null);
        }
        Duration interval = Duration.ofSeconds(seconds(reply.getLong("interval"), "interval"));
        OptionalLong min = reply.optionalLong("min interval");
        Optional<Duration> minInterval = min.isPresent()
                ? Optional.of(Duration.ofSeconds(seconds(min.getAsLong(), "min interval")))
                : Optional.empty();
        List<InetSocketAddress> peers = new ArrayList<>();
        Optional<BValue> v4 = reply.get("peers");
        Optional<BString> v6 = reply.optionalByteString("peers6");
        if (v4.isEmpty() && v6.isEmpty()) {
            throw malformed("neither 'peers' nor 'peers6' in the reply", null);
        }
        if (v4.isPresent()) {
            peers.addAll(peers(v4.get()));
        }
        v6.ifPresent(s -> peers.addAll(CompactPeers.decode(s.bytes(), CompactPeers.IPV6_ENTRY, "'peers6'")));
        return new AnnounceResponse(interval, minInterval, peers, count(reply, "complete"),
                count(reply, "incomplete"), reply.optionalString("warning message"),
                reply.optionalString("tracker id"));
    }

    private static List<InetSocketAddress> peers(BValue value) {
        if (value instanceof BString compact) {
            return CompactPeers.decode(compact.bytes(), CompactPeers.IPV4_ENTRY, "'peers'");
        }
        if (!(value instanceof BList list)) {
            throw malformed("key 'peers': expected a byte string or a list, found " + value.type().displayName(), null);
        }
        List<InetSocketAddress> peers = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof BDictionary entry)) {
                throw malformed("'peers' entry " + i + " is not a dictionary", null);
            }
            String ip = entry.getString("ip");
            long port = entry.getLong("port");
            if (port < 1 || port > 65535) {
                throw malformed("'peers' entry " + i + ": port " + port + " is not 1-65535", null);
            }
            literal(ip).ifPresent(address -> peers.add(new InetSocketAddress(address, (int) port)));
        }
        return peers;
    }

    /** The address an IP literal names, without any name lookup; empty for anything else. */
    private static Optional<InetAddress> literal(String ip) {
        try {
            if (IPV4.matcher(ip).matches()) {
                String[] parts = ip.split("\\.");
                byte[] raw = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        return Optional.empty();
                    }
                    raw[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(raw));
            }
            if (IPV6.matcher(ip).matches()) {
                return Optional.of(InetAddress.getByName(ip)); // has a ':': parsed as a literal, never looked up
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static long seconds(long value, String key) {
        if (value < 0) {
            throw malformed("key '" + key + "' is negative: " + value, null);
        }
        return Math.min(value, MAX_INTERVAL_SECONDS);
    }

    private static OptionalInt count(BDictionary reply, String key) {
        OptionalLong value = reply.optionalLong(key);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        if (value.getAsLong() < 0 || value.getAsLong() > Integer.MAX_VALUE) {
            throw malformed("key '" + key + "' out of range: " + value.getAsLong(), null);
        }
        return OptionalInt.of((int) value.getAsLong());
    }

    private static AnnounceException malformed(String what, Throwable cause) {
        return new AnnounceException(AnnounceException.Kind.MALFORMED, "malformed announce reply: " + what, cause);
    }
}
