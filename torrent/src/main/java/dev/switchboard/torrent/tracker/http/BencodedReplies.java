package dev.switchboard.torrent.tracker.http;

import dev.switchboard.bencode.BDictionary;
import dev.switchboard.bencode.BList;
import dev.switchboard.bencode.BString;
import dev.switchboard.bencode.BValue;
import dev.switchboard.bencode.BencodeEncoder;
import dev.switchboard.torrent.tracker.AnnounceResult;
import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.Peer;
import dev.switchboard.torrent.tracker.ScrapeStats;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The bencoded bodies of HTTP tracker replies: announce (BEP 3, 23, 7), scrape (BEP 48) and failure. */
public final class BencodedReplies {
    private static final BencodeEncoder ENCODER = new BencodeEncoder();

    private BencodedReplies() {
    }

    /** {@code d14:failure reason...e}: what every client shows its user when a tracker refuses. */
    public static byte[] failure(String reason) {
        return ENCODER.encode(BDictionary.builder().put("failure reason", reason).build());
    }

    /**
     * The announce reply. Compact: IPv4 peers as 6-byte strings in {@code peers}, IPv6 peers as 18-byte
     * strings in {@code peers6} (only when there are some). Otherwise one list of
     * {@code {ip, peer id, port}} dictionaries for both families.
     */
    public static byte[] announce(AnnounceResult result, boolean compact, boolean noPeerId) {
        BDictionary.Builder reply = BDictionary.builder()
                .put("interval", result.interval().toSeconds())
                .put("complete", result.seeders())
                .put("incomplete", result.leechers());
        if (compact) {
            ByteArrayOutputStream v4 = new ByteArrayOutputStream();
            ByteArrayOutputStream v6 = new ByteArrayOutputStream();
            for (Peer peer : result.peers()) {
                ByteArrayOutputStream out = peer.endpoint().isIpv6() ? v6 : v4;
                out.writeBytes(peer.endpoint().address().getAddress());
                out.write(peer.endpoint().port() >> 8);
                out.write(peer.endpoint().port());
            }
            reply.put("peers", v4.toByteArray());
            if (v6.size() > 0) {
                reply.put("peers6", v6.toByteArray());
            }
        } else {
            List<BValue> peers = new ArrayList<>(result.peers().size());
            for (Peer peer : result.peers()) {
                BDictionary.Builder entry = BDictionary.builder()
                        .put("ip", peer.endpoint().address().getHostAddress())
                        .put("port", peer.endpoint().port());
                if (!noPeerId) {
                    entry.put("peer id", peer.id().bytes());
                }
                peers.add(entry.build());
            }
            reply.put("peers", BList.of(peers));
        }
        return ENCODER.encode(reply.build());
    }

    /** {@code d5:filesd20:<info-hash>d8:complete..10:downloaded..10:incomplete..eee}. */
    public static byte[] scrape(Map<InfoHash, ScrapeStats> stats) {
        BDictionary.Builder files = BDictionary.builder();
        for (Map.Entry<InfoHash, ScrapeStats> entry : stats.entrySet()) {
            ScrapeStats s = entry.getValue();
            files.put(BString.of(entry.getKey().bytes()), BDictionary.builder()
                    .put("complete", s.complete())
                    .put("downloaded", s.downloaded())
                    .put("incomplete", s.incomplete())
                    .build());
        }
        return ENCODER.encode(BDictionary.builder().put("files", files.build()).build());
    }
}
