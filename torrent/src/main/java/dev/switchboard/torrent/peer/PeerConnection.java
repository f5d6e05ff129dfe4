package dev.switchboard.torrent.peer;

import dev.switchboard.torrent.wire.ExtensionHandshake;
import dev.switchboard.torrent.wire.Handshake;
import dev.switchboard.torrent.wire.MessageId;
import dev.switchboard.torrent.wire.PeerMessage;
import dev.switchboard.torrent.wire.PeerMessage.Request;
import dev.switchboard.torrent.wire.PeerWireException;
import io.netty.buffer.ByteBuf;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The protocol state of one link to one peer after the handshake, in plain Java: the four choke and
 * interest flags, the peer's pieces, the extensions both sides agreed on, the BEP 6 allowed fast sets
 * both ways, the requests we sent (with an adaptive depth) and the requests the peer sent us (bounded).
 *
 * <p>Inbound: {@link #receive} checks every message against the torrent's {@link PieceGeometry} and the
 * state, updates the state and tells the {@link PeerListener}; a violation is a {@link
 * PeerWireException} with the reason, and the caller drops the peer. Outbound: the engine calls {@link
 * #request}, {@link #unchoke}, {@link #sendBlock}, ..., which check the engine's side of the protocol
 * (an {@link IllegalStateException} is an engine bug) and write messages to the sink given at
 * construction. {@link #tick} sends keep-alives and drops a silent peer, by the injected clock.
 *
 * <p>Not thread-safe: all calls for one connection come from one thread, in the pipeline the channel's
 * event loop. It never releases a {@link PeerMessage.Piece} passed to {@link #receive}: the caller does.
 */
public final class PeerConnection {
    private static final PeerListener NO_LISTENER = new PeerListener() {
    };

    private final PieceGeometry geometry;
    private final PeerConnectionConfig config;
    private final boolean fast;
    private final boolean extensionProtocol;
    private final Clock clock;
    private final Consumer<PeerMessage> out;
    private PeerListener listener = NO_LISTENER;

    private boolean amChoking = true;
    private boolean amInterested;
    private boolean peerChoking = true;
    private boolean peerInterested;
    private final BitSet peerPieces = new BitSet();
    private boolean peerHasAll;
    private boolean peerPiecesAnnounced;
    private final BitSet ourPieces = new BitSet();
    private boolean ourPiecesAnnounced;
    private final Set<Integer> allowedFastFromPeer = new LinkedHashSet<>();
    private final Set<Integer> allowedFastToPeer = new LinkedHashSet<>();
    private final OutstandingRequests requests;
    private final Set<Request> peerRequests = new LinkedHashSet<>();
    private ExtensionHandshake peerExtensions;
    private Instant lastReceived;
    private Instant lastSent;

    /**
     * @param fastExtension whether both handshakes set the BEP 6 bit
     * @param extensionProtocol whether both handshakes set the BEP 10 bit
     * @param out where outgoing messages go; a {@link PeerMessage.Piece} passed there carries one
     *     reference the sink must release (the pipeline's encoder does)
     */
    public PeerConnection(PieceGeometry geometry, PeerConnectionConfig config, boolean fastExtension,
            boolean extensionProtocol, Clock clock, Consumer<PeerMessage> out) {
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.config = Objects.requireNonNull(config, "config");
        this.fast = fastExtension;
        this.extensionProtocol = extensionProtocol;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.out = Objects.requireNonNull(out, "out");
        this.requests = new OutstandingRequests(config);
        this.lastReceived = clock.instant();
        this.lastSent = lastReceived;
    }

    /** A connection with the extensions both handshakes offer. */
    public static PeerConnection afterHandshake(Handshake ours, Handshake theirs, PieceGeometry geometry,
            PeerConnectionConfig config, Clock clock, Consumer<PeerMessage> out) {
        return new PeerConnection(geometry, config,
                ours.supportsFastExtension() && theirs.supportsFastExtension(),
                ours.supportsExtensionProtocol() && theirs.supportsExtensionProtocol(), clock, out);
    }

    /** Sets who hears this connection's events; until then they go nowhere. */
    public void attach(PeerListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    // ---------------------------------------------------------------- inbound

    /**
     * Applies one message from the peer.
     *
     * @throws PeerWireException when the message breaks the protocol; the connection must then be closed
     */
    public void receive(PeerMessage message) {
        lastReceived = clock.instant();
        if (message instanceof PeerMessage.Piece piece) {
            onPiece(piece);
        } else if (message instanceof Request request) {
            onRequest(request);
        } else if (message instanceof PeerMessage.Have have) {
            onHave(have.index());
        } else if (message instanceof PeerMessage.Cancel cancel) {
            onCancel(cancel.request());
        } else if (message instanceof PeerMessage.Reject reject) {
            onReject(reject.request());
        } else if (message instanceof PeerMessage.BitfieldMessage bitfield) {
            announced(MessageId.BITFIELD, bitfield.toBitSet(geometry.pieceCount()));
        } else if (message instanceof PeerMessage.Extended extended) {
            onExtended(extended);
        } else if (message instanceof PeerMessage.Suggest suggest) {
            listener.onSuggest(fastPiece(suggest.id(), suggest.index()));
        } else if (message instanceof PeerMessage.AllowedFast allowed) {
            allowedFastFromPeer.add(fastPiece(allowed.id(), allowed.index()));
            listener.onAllowedFast(allowed.index());
        } else if (message == PeerMessage.HaveAll.INSTANCE) {
            requireFast(MessageId.HAVE_ALL);
            BitSet all = new BitSet();
            all.set(0, geometry.pieceCount());
            announced(MessageId.HAVE_ALL, all);
            peerHasAll = true;
        } else if (message == PeerMessage.HaveNone.INSTANCE) {
            requireFast(MessageId.HAVE_NONE);
            announced(MessageId.HAVE_NONE, new BitSet());
        } else if (message == PeerMessage.Choke.INSTANCE) {
            onChoke();
        } else if (message == PeerMessage.Unchoke.INSTANCE) {
            peerChoking = false;
            listener.onUnchoke();
        } else if (message == PeerMessage.Interested.INSTANCE || message == PeerMessage.NotInterested.INSTANCE) {
            peerInterested = message == PeerMessage.Interested.INSTANCE;
            listener.onInterest(peerInterested);
        }
        // KeepAlive: only refreshes lastReceived. Port (BEP 5): we run no DHT, so it is ignored.
    }

    private void onPiece(PeerMessage.Piece piece) {
        Request answered = piece.request();
        if (requests.answered(answered, clock.instant())) {
            listener.onBlock(piece.index(), piece.begin(), piece.block());
        } else if (fast) {
            throw PeerWireException.violation("piece " + piece.index() + " block " + piece.begin() + "+"
                    + answered.length() + " was never requested");
        }
        // Without the fast extension a piece may trail a choke that dropped its request: ignored.
    }

    private void onRequest(Request request) {
        String problem = geometry.blockProblem(request.index(), request.begin(), request.length());
        if (problem != null) {
            throw PeerWireException.violation("request for " + problem);
        }
        if (!ourPieces.get(request.index())) {
            refuse(request, "requested piece " + request.index() + ", which we do not have");
        } else if (amChoking && !(fast && allowedFastToPeer.contains(request.index()))) {
            if (fast) {
                send(PeerMessage.Reject.of(request));
            }
            // without the fast extension a request racing our choke is dropped silently (BEP 3)
        } else if (!peerRequests.contains(request)) {
            if (peerRequests.size() >= config.maxPeerRequests()) {
                refuse(request, "more than " + config.maxPeerRequests() + " requests queued");
            } else {
                peerRequests.add(request);
                listener.onRequest(request);
            }
        }
    }

    /** Rejects a request under the fast extension; without it, the request is a violation. */
    private void refuse(Request request, String reason) {
        if (!fast) {
            throw PeerWireException.violation(reason);
        }
        send(PeerMessage.Reject.of(request));
    }

    private void onHave(int index) {
        if (!geometry.isPiece(index)) {
            throw PeerWireException.violation("have for piece index " + Integer.toUnsignedString(index)
                    + " out of range (" + geometry.pieceCount() + " pieces)");
        }
        if (peerHasAll) {
            throw PeerWireException.violation("have for piece " + index + " after have all");
        }
        peerPiecesAnnounced = true;
        if (!peerPieces.get(index)) {
            peerPieces.set(index);
            listener.onHave(index);
        }
    }

    private void onCancel(Request request) {
        if (peerRequests.remove(request)) {
            if (fast) {
                send(PeerMessage.Reject.of(request)); // BEP 6: every request gets exactly one answer
            }
            listener.onCancel(request);
        }
    }

    private void onReject(Request request) {
        requireFast(MessageId.REJECT);
        if (!requests.remove(request)) {
            throw PeerWireException.violation("reject for piece " + request.index() + " block " + request.begin()
                    + "+" + request.length() + ", which we never requested");
        }
        listener.onReject(request);
    }

    private void announced(int id, BitSet pieces) {
        if (peerPiecesAnnounced) {
            // BEP 3 wants it first and once, but aria2 1.36 sends a bitfield after have messages: merge it
            // into what we know (as libtorrent does) instead of dropping a working peer
            BitSet before = (BitSet) peerPieces.clone();
            peerPieces.or(pieces);
            if (!peerPieces.equals(before)) {
                listener.onBitfield((BitSet) peerPieces.clone());
            }
            return;
        }
        peerPiecesAnnounced = true;
        peerPieces.or(pieces);
        listener.onBitfield((BitSet) pieces.clone());
    }

    private void onChoke() {
        peerChoking = true;
        listener.onChoke();
        if (!fast) {
            requests.clear().forEach(listener::onReject);
        }
    }

    private void onExtended(PeerMessage.Extended extended) {
        if (!extensionProtocol) {
            throw PeerWireException.violation("extended message without the extension protocol negotiated");
        }
        if (extended.extendedId() == ExtensionHandshake.EXTENDED_ID) {
            peerExtensions = ExtensionHandshake.decode(extended.payload());
            peerExtensions.requestQueueLength().ifPresent(requests::limitTo);
            listener.onExtensionHandshake(peerExtensions);
        } else {
            listener.onExtended(extended.extendedId(), extended.payload());
        }
    }

    private int fastPiece(int id, int index) {
        requireFast(id);
        if (!geometry.isPiece(index)) {
            throw PeerWireException.violation(MessageId.name(id) + " for piece index "
                    + Integer.toUnsignedString(index) + " out of range (" + geometry.pieceCount() + " pieces)");
        }
        return index;
    }

    private void requireFast(int id) {
        if (!fast) {
            throw PeerWireException.violation(MessageId.name(id) + " without the fast extension negotiated");
        }
    }

    // ---------------------------------------------------------------- outbound

    /**
     * Announces our pieces; call once, first. With the fast extension it sends have-all or have-none
     * where they fit; without it, a bitfield, or nothing when we have no piece.
     */
    public void sendPieces(BitSet pieces) {
        if (ourPiecesAnnounced) {
            throw new IllegalStateException("our pieces were already announced");
        }
        ourPiecesAnnounced = true;
        ourPieces.or(pieces.get(0, geometry.pieceCount()));
        int have = ourPieces.cardinality();
        if (fast && have == geometry.pieceCount()) {
            send(PeerMessage.HaveAll.INSTANCE);
        } else if (fast && have == 0) {
            send(PeerMessage.HaveNone.INSTANCE);
        } else if (have > 0) {
            send(PeerMessage.BitfieldMessage.of(ourPieces, geometry.pieceCount()));
        }
    }

    /** We completed and verified piece {@code index}: tell the peer. */
    public void have(int index) {
        checkPiece(index);
        ourPiecesAnnounced = true;
        if (!ourPieces.get(index)) {
            ourPieces.set(index);
            send(new PeerMessage.Have(index));
        }
    }

    /**
     * Chokes the peer. Its queued requests are void: under the fast extension each is rejected except
     * those for allowed fast pieces; without it they are dropped (the choke says so).
     */
    public void choke() {
        if (amChoking) {
            return;
        }
        amChoking = true;
        send(PeerMessage.Choke.INSTANCE);
        for (Request request : List.copyOf(peerRequests)) {
            if (!fast) {
                peerRequests.remove(request);
            } else if (!allowedFastToPeer.contains(request.index())) {
                peerRequests.remove(request);
                send(PeerMessage.Reject.of(request));
            }
        }
    }

    public void unchoke() {
        if (amChoking) {
            amChoking = false;
            send(PeerMessage.Unchoke.INSTANCE);
        }
    }

    public void interested() {
        if (!amInterested) {
            amInterested = true;
            send(PeerMessage.Interested.INSTANCE);
        }
    }

    public void notInterested() {
        if (amInterested) {
            amInterested = false;
            send(PeerMessage.NotInterested.INSTANCE);
        }
    }

    /**
     * Requests a block. The engine asks only while {@link #requestSlots()} is positive, for a piece the
     * peer has, while unchoked or for a piece the peer allowed fast.
     *
     * @throws IllegalArgumentException for a block outside the torrent or above 16 KiB
     * @throws IllegalStateException when the request is not allowed now
     */
    public Request request(int index, int begin, int length) {
        String problem = geometry.blockProblem(index, begin, length);
        if (problem != null) {
            throw new IllegalArgumentException("cannot request " + problem);
        }
        Request request = new Request(index, begin, length);
        if (!peerPieces.get(index)) {
            throw new IllegalStateException("the peer does not have piece " + index);
        }
        if (peerChoking && !(fast && allowedFastFromPeer.contains(index))) {
            throw new IllegalStateException("the peer chokes us and did not allow piece " + index + " fast");
        }
        if (requests.contains(request)) {
            throw new IllegalStateException("already requested: " + request);
        }
        if (requests.slots() == 0) {
            throw new IllegalStateException("request queue full at depth " + requests.depth());
        }
        requests.add(request, clock.instant());
        send(request);
        return request;
    }

    /**
     * Withdraws a request of ours. Without the fast extension it is forgotten at once (a block that still
     * arrives is ignored); with it, it stays outstanding until the peer's piece or reject answers it.
     * Returns whether the request was outstanding.
     */
    public boolean cancel(Request request) {
        if (!requests.contains(request)) {
            return false;
        }
        send(PeerMessage.Cancel.of(request));
        if (!fast) {
            requests.remove(request);
        }
        return true;
    }

    /**
     * Answers a request of the peer with {@code block}, taking ownership of it (one reference). Returns
     * false, and releases the block, when the request is no longer queued: cancelled, or voided by a
     * choke.
     *
     * @throws IllegalArgumentException when the block's length is not the requested length (released)
     */
    public boolean sendBlock(Request request, ByteBuf block) {
        if (block.readableBytes() != request.length()) {
            block.release();
            throw new IllegalArgumentException("block of " + block.readableBytes() + " bytes for " + request);
        }
        if (!peerRequests.remove(request)) {
            block.release();
            return false;
        }
        send(new PeerMessage.Piece(request.index(), request.begin(), block));
        return true;
    }

    /** Refuses a queued request of the peer (BEP 6 only). Returns whether it was queued. */
    public boolean reject(Request request) {
        if (!fast) {
            throw new IllegalStateException("reject needs the fast extension; choke the peer instead");
        }
        if (!peerRequests.remove(request)) {
            return false;
        }
        send(PeerMessage.Reject.of(request));
        return true;
    }

    /** Lets the peer request these pieces while choked (BEP 6; see {@code AllowedFastSet}). */
    public void allowFast(Collection<Integer> pieces) {
        if (!fast) {
            throw new IllegalStateException("allowed fast needs the fast extension");
        }
        for (int index : pieces) {
            checkPiece(index);
            if (allowedFastToPeer.add(index)) {
                send(new PeerMessage.AllowedFast(index));
            }
        }
    }

    /** Sends our BEP 10 handshake. */
    public void sendExtensionHandshake(ExtensionHandshake handshake) {
        if (!extensionProtocol) {
            throw new IllegalStateException("the extension protocol was not negotiated");
        }
        send(handshake.toMessage());
    }

    /**
     * Checks the timings: sends a keep-alive after {@code keepAliveInterval} without sending anything.
     *
     * @throws PeerWireException (timeout) after {@code idleTimeout} without a message from the peer
     */
    public void tick() {
        Instant now = clock.instant();
        Duration silent = Duration.between(lastReceived, now);
        if (silent.compareTo(config.idleTimeout()) >= 0) {
            throw new PeerWireException(PeerWireException.Kind.TIMEOUT,
                    "no message for " + silent.toSeconds() + " s (limit " + config.idleTimeout().toSeconds() + " s)");
        }
        if (Duration.between(lastSent, now).compareTo(config.keepAliveInterval()) >= 0) {
            send(PeerMessage.KeepAlive.INSTANCE);
        }
    }

    private void send(PeerMessage message) {
        lastSent = clock.instant();
        out.accept(message);
    }

    private void checkPiece(int index) {
        if (!geometry.isPiece(index)) {
            throw new IllegalArgumentException("piece " + index + " out of range (" + geometry.pieceCount() + " pieces)");
        }
    }

    // ---------------------------------------------------------------- state

    public PieceGeometry geometry() {
        return geometry;
    }

    public boolean amChoking() {
        return amChoking;
    }

    public boolean amInterested() {
        return amInterested;
    }

    public boolean peerChoking() {
        return peerChoking;
    }

    public boolean peerInterested() {
        return peerInterested;
    }

    /** The peer's pieces (a copy). */
    public BitSet peerPieces() {
        return (BitSet) peerPieces.clone();
    }

    public boolean peerHas(int index) {
        return peerPieces.get(index);
    }

    public boolean fastExtension() {
        return fast;
    }

    public boolean extensionProtocol() {
        return extensionProtocol;
    }

    /** The peer's BEP 10 handshake, null until one arrived. */
    public ExtensionHandshake peerExtensions() {
        return peerExtensions;
    }

    /** Pieces the peer lets us request while choked. */
    public Set<Integer> allowedFastFromPeer() {
        return Set.copyOf(allowedFastFromPeer);
    }

    /** Pieces we let the peer request while choked. */
    public Set<Integer> allowedFastToPeer() {
        return Set.copyOf(allowedFastToPeer);
    }

    /** Our unanswered requests, oldest first. */
    public List<Request> outstandingRequests() {
        return requests.list();
    }

    /** The current adaptive request queue depth. */
    public int requestQueueDepth() {
        return requests.depth();
    }

    /** How many more requests may be sent now. */
    public int requestSlots() {
        return requests.slots();
    }

    /** The download rate measured from this peer in bytes per second; -1 before the first sample. */
    public double downloadRate() {
        return requests.bytesPerSecond();
    }

    /** The peer's queued requests, oldest first. */
    public List<Request> peerRequests() {
        return new ArrayList<>(peerRequests);
    }

    /** The connection ended: tells the listener. */
    public void disconnected() {
        listener.onDisconnected();
    }
}
