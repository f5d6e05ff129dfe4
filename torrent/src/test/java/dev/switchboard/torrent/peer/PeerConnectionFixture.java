package dev.switchboard.torrent.peer;

import dev.switchboard.testkit.SettableClock;
import dev.switchboard.torrent.wire.ExtensionHandshake;
import dev.switchboard.torrent.wire.PeerMessage;
import dev.switchboard.torrent.wire.PeerMessage.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A {@link PeerConnection} over a 10-piece torrent (32 KiB pieces, the last 20,000 bytes) with a sink
 * and a listener that record everything. Pieces sent to the sink are released when read.
 */
final class PeerConnectionFixture {
    static final PieceGeometry GEOMETRY = new PieceGeometry(10, 32 * 1024, 9L * 32 * 1024 + 20_000);

    final SettableClock clock = new SettableClock();
    final List<PeerMessage> sent = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final PeerConnection connection;

    PeerConnectionFixture(boolean fast, boolean extensions) {
        this(fast, extensions, PeerConnectionConfig.defaults());
    }

    PeerConnectionFixture(boolean fast, boolean extensions, PeerConnectionConfig config) {
        connection = new PeerConnection(GEOMETRY, config, fast, extensions, clock, sent::add);
        connection.attach(new PeerListener() {
            @Override
            public void onBitfield(BitSet pieces) {
                events.add("bitfield " + pieces);
            }

            @Override
            public void onHave(int index) {
                events.add("have " + index);
            }

            @Override
            public void onChoke() {
                events.add("choke");
            }

            @Override
            public void onUnchoke() {
                events.add("unchoke");
            }

            @Override
            public void onInterest(boolean interested) {
                events.add("interest " + interested);
            }

            @Override
            public void onBlock(int index, int begin, ByteBuf block) {
                events.add("block " + index + "+" + begin + " (" + block.readableBytes() + ")");
            }

            @Override
            public void onRequest(Request request) {
                events.add("request " + request.index() + "+" + request.begin());
            }

            @Override
            public void onCancel(Request request) {
                events.add("cancel " + request.index() + "+" + request.begin());
            }

            @Override
            public void onReject(Request request) {
                events.add("reject " + request.index() + "+" + request.begin());
            }

            @Override
            public void onAllowedFast(int index) {
                events.add("allowed fast " + index);
            }

            @Override
            public void onSuggest(int index) {
                events.add("suggest " + index);
            }

            @Override
            public void onExtensionHandshake(ExtensionHandshake handshake) {
                events.add("extension handshake " + handshake.messages());
            }
        });
    }

    /** The messages sent since the last call; Pieces among them are released. */
    List<PeerMessage> takeSent() {
        List<PeerMessage> taken = new ArrayList<>(sent);
        sent.clear();
        taken.forEach(m -> {
            if (m instanceof PeerMessage.Piece p) {
                p.release();
            }
        });
        return taken;
    }

    List<String> takeEvents() {
        List<String> taken = new ArrayList<>(events);
        events.clear();
        return taken;
    }

    /** The peer has every piece and unchoked us. */
    void peerSeedsAndUnchokes() {
        BitSet all = new BitSet();
        all.set(0, 10);
        connection.receive(PeerMessage.BitfieldMessage.of(all, 10));
        connection.receive(PeerMessage.Unchoke.INSTANCE);
        takeEvents();
    }

    /** Delivers the block answering {@code request} and releases it, as the pipeline does. */
    void deliver(Request request) {
        PeerMessage.Piece piece = new PeerMessage.Piece(request.index(), request.begin(),
                Unpooled.wrappedBuffer(new byte[request.length()]));
        try {
            connection.receive(piece);
        } finally {
            piece.release();
        }
    }

    static BitSet pieces(int... indices) {
        BitSet set = new BitSet();
        for (int i : indices) {
            set.set(i);
        }
        return set;
    }
}
