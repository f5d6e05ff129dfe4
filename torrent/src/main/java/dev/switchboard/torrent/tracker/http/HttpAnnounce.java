package dev.switchboard.torrent.tracker.http;

import dev.switchboard.torrent.tracker.Announce;
import dev.switchboard.torrent.tracker.AnnounceEvent;
import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.PeerEndpoint;
import dev.switchboard.torrent.tracker.PeerId;
import dev.switchboard.torrent.tracker.TrackerException;
import java.net.InetAddress;

/**
 * An HTTP announce (BEP 3) read from its query string: the protocol-neutral {@link Announce} plus
 * how the client wants its peers written. The peer's address is the one the request came from; the
 * optional {@code ip} parameter is ignored, so nobody can point a swarm at a third party.
 *
 * @param compact {@code compact=1}: peers as 6-byte strings (BEP 23) and {@code peers6} (BEP 7);
 *     otherwise the BEP 3 list of dictionaries
 * @param noPeerId {@code no_peer_id=1}: leave the peer ids out of the BEP 3 list
 */
public record HttpAnnounce(Announce announce, boolean compact, boolean noPeerId) {
    /** Digits of the largest number accepted; more is refused (or, for numwant, read as "as many as allowed"). */
    private static final int MAX_DIGITS = 18;

    /**
     * Reads an announce from {@code query}.
     *
     * @throws TrackerException naming the first parameter that is missing or wrong
     */
    public static HttpAnnounce from(QueryString query, InetAddress from) {
        byte[] infoHash = query.required("info_hash");
        if (infoHash.length != InfoHash.LENGTH) {
            throw new TrackerException("invalid info_hash: must be 20 bytes, got " + infoHash.length);
        }
        byte[] peerId = query.required("peer_id");
        if (peerId.length != PeerId.LENGTH) {
            throw new TrackerException("invalid peer_id: must be 20 bytes, got " + peerId.length);
        }
        long port = number(query, "port", true);
        if (port < 1 || port > 65535) {
            throw new TrackerException("invalid port: must be 1-65535, got " + port);
        }
        long left = number(query, "left", true);
        long uploaded = number(query, "uploaded", false);
        long downloaded = number(query, "downloaded", false);
        Announce announce = new Announce(InfoHash.of(infoHash), PeerId.of(peerId),
                new PeerEndpoint(from, (int) port), uploaded, downloaded, left, event(query), numWant(query));
        return new HttpAnnounce(announce, flag(query, "compact"), flag(query, "no_peer_id"));
    }

    private static long number(QueryString query, String name, boolean required) {
        String text = query.text(name).orElse(null);
        if (text == null) {
            if (required) {
                throw new TrackerException("missing parameter '" + name + "'");
            }
            return 0;
        }
        if (!isDigits(text) || text.length() > MAX_DIGITS) {
            throw new TrackerException("invalid " + name + ": must be a number 0-" + "9".repeat(MAX_DIGITS)
                    + ", got '" + shorten(text) + "'");
        }
        return Long.parseLong(text);
    }

    private static int numWant(QueryString query) {
        String text = query.text("numwant").orElse("");
        if (text.isEmpty()) {
            return Announce.NUMWANT_UNSET;
        }
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        if (!isDigits(digits)) {
            throw new TrackerException("invalid numwant: must be a number, got '" + shorten(text) + "'");
        }
        if (negative) {
            return Announce.NUMWANT_UNSET;
        }
        return digits.length() > MAX_DIGITS ? Integer.MAX_VALUE
                : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(digits));
    }

    private static AnnounceEvent event(QueryString query) {
        String text = query.text("event").orElse("");
        return switch (text) {
            case "", "empty" -> AnnounceEvent.NONE;
            case "started" -> AnnounceEvent.STARTED;
            case "completed" -> AnnounceEvent.COMPLETED;
            case "stopped" -> AnnounceEvent.STOPPED;
            default -> throw new TrackerException("invalid event: must be started, completed or stopped, got '"
                    + shorten(text) + "'");
        };
    }

    private static boolean flag(QueryString query, String name) {
        return query.text(name).map("1"::equals).orElse(false);
    }

    private static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A client's bad value as it is safe to echo: printable ASCII, at most 32 characters. */
    static String shorten(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 32; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > 32 ? out + "..." : out.toString();
    }
}
