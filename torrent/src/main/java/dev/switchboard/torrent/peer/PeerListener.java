package dev.switchboard.torrent.peer;

import dev.switchboard.torrent.wire.ExtensionHandshake;
import dev.switchboard.torrent.wire.PeerMessage.Request;
import io.netty.buffer.ByteBuf;
import java.util.BitSet;

/**
 * What a download engine hears from one {@link PeerConnection}, after the connection has checked the
 * message against the torrent and its own state. Every method has a no-op default, so an engine
 * implements only what it uses. Called on the connection's thread (the channel's event loop), one call
 * at a time; a callback may call back into the connection.
 */
public interface PeerListener {
    /**
     * The peer announced its pieces: a bitfield, have-all or have-none (a copy, the engine's to keep). A
     * second announcement (which BEP 3 does not allow, but aria2 sends) is merged, and this is called again
     * with everything the peer has now.
     */
    default void onBitfield(BitSet pieces) {
    }

    /** The peer has a new piece. */
    default void onHave(int index) {
    }

    /** The peer choked us. Without the fast extension every outstanding request was dropped; each is
     *  reported to {@link #onReject} right after this call. */
    default void onChoke() {
    }

    /** The peer unchoked us: requests may be sent ({@link PeerConnection#requestSlots()}). */
    default void onUnchoke() {
    }

    /** The peer became interested, or stopped being interested, in our pieces. */
    default void onInterest(boolean interested) {
    }

    /**
     * A block we requested arrived. <b>{@code block} is borrowed</b>: it is valid during this call only
     * and released by the caller afterwards; {@code retain()} it (and release it later) to keep it, for
     * example to write it to disk on another thread.
     */
    default void onBlock(int index, int begin, ByteBuf block) {
    }

    /** The peer asks for a block; answer with {@link PeerConnection#sendBlock} or {@link PeerConnection#reject}. */
    default void onRequest(Request request) {
    }

    /** The peer withdrew a request; a later {@link PeerConnection#sendBlock} for it is dropped. */
    default void onCancel(Request request) {
    }

    /** A request of ours will not be served: rejected (BEP 6) or dropped by a choke without it. */
    default void onReject(Request request) {
    }

    /** The peer suggests a piece (BEP 6, advisory). */
    default void onSuggest(int index) {
    }

    /** The peer lets us request this piece even while choked (BEP 6). */
    default void onAllowedFast(int index) {
    }

    /** The peer's BEP 10 handshake (also when it sends a new one later). */
    default void onExtensionHandshake(ExtensionHandshake handshake) {
    }

    /** A BEP 10 message under an id we assigned in our extension handshake. */
    default void onExtended(int extendedId, byte[] payload) {
    }

    /** The connection closed; {@link PeerConnection#outstandingRequests()} are the requests now void. */
    default void onDisconnected() {
    }
}
