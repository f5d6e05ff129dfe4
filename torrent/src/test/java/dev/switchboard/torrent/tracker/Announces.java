package dev.switchboard.torrent.tracker;

import dev.switchboard.torrent.InfoHash;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Announces for tests: info-hashes, peer ids and endpoints made from small numbers. */
final class Announces {
    private Announces() {
    }

    static InfoHash infoHash(int n) {
        byte[] bytes = new byte[20];
        Arrays.fill(bytes, (byte) n);
        return InfoHash.of(bytes);
    }

    static PeerId peerId(int n) {
        byte[] bytes = "-SB0001-000000000000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        bytes[19] = (byte) n;
        bytes[18] = (byte) (n >> 8);
        return PeerId.of(bytes);
    }

    static PeerEndpoint v4(int port) {
        return endpoint("127.0.0.1", port);
    }

    static PeerEndpoint v6(int port) {
        return endpoint("::1", port);
    }

    static PeerEndpoint endpoint(String ip, int port) {
        try {
            return new PeerEndpoint(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Announce announce(InfoHash infoHash, PeerEndpoint endpoint, long left, AnnounceEvent event, int numWant) {
        return new Announce(infoHash, peerId(endpoint.port()), endpoint, 0, 0, left, event, numWant);
    }

    static Announce seeder(InfoHash infoHash, int port) {
        return announce(infoHash, v4(port), 0, AnnounceEvent.STARTED, Announce.NUMWANT_UNSET);
    }

    static Announce leecher(InfoHash infoHash, int port) {
        return announce(infoHash, v4(port), 1000, AnnounceEvent.STARTED, Announce.NUMWANT_UNSET);
    }
}
