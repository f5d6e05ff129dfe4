package dev.switchboard.torrent.peer;

import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.wire.Handshake;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * A torrent this peer downloads or seeds, as the pipeline sees it: the info-hash it is known by, its
 * geometry, and the engine that takes over each connection once the handshake is done.
 */
public interface ServedTorrent {
    InfoHash infoHash();

    PieceGeometry geometry();

    /**
     * A handshake for this torrent completed (either direction). Runs on the channel's event loop, before
     * any message of the peer is read; the usual first step is {@link PeerConnection#sendPieces}. All
     * later calls to {@code connection} must come from that event loop
     * ({@code channel.eventLoop().execute(...)}).
     *
     * @param connection the new connection's state, to drive (request, unchoke, sendBlock, ...)
     * @param remote the peer's handshake (its peer id and extension bits)
     * @param address the peer's address (null on a channel that has no IP address, as in tests)
     * @return who hears the connection's events
     */
    PeerListener onConnected(PeerConnection connection, Handshake remote, InetSocketAddress address);

    /**
     * As {@link #onConnected(PeerConnection, Handshake, InetSocketAddress)}, with the channel itself, for an
     * engine that must hop between threads or close the connection; this is what the pipeline calls. By
     * default it passes the channel's remote address on.
     */
    default PeerListener onConnected(PeerConnection connection, Handshake remote, Channel channel) {
        InetSocketAddress address = channel.remoteAddress() instanceof InetSocketAddress a ? a : null;
        return onConnected(connection, remote, address);
    }
}
