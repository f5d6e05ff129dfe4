/**
 * The BitTorrent peer wire protocol's bytes (BEP 3, BEP 5 port, BEP 6 fast extension, BEP 10 extension
 * protocol): the only code that reads or writes peer-wire {@code ByteBuf} fields.
 *
 * <p>{@link dev.switchboard.torrent.wire.HandshakeDecoder} and {@link
 * dev.switchboard.torrent.wire.HandshakeEncoder} carry the 68-byte {@link
 * dev.switchboard.torrent.wire.Handshake}; then {@link dev.switchboard.torrent.wire.PeerMessageDecoder}
 * and {@link dev.switchboard.torrent.wire.PeerMessageEncoder} carry length-prefixed {@link
 * dev.switchboard.torrent.wire.PeerMessage}s, bounded by {@link
 * dev.switchboard.torrent.wire.PeerWireLimits}. {@link dev.switchboard.torrent.wire.ExtensionHandshake}
 * is the BEP 10 handshake dictionary, {@link dev.switchboard.torrent.wire.AllowedFastSet} the BEP 6
 * canonical allowed fast set. Every refusal is a {@link dev.switchboard.torrent.wire.PeerWireException}.
 * Only {@link dev.switchboard.torrent.wire.PeerMessage.Piece} holds a buffer; see its reference counting.
 * The format decisions are summed up in {@code docs/torrent/peer-wire.md}.
 */
package dev.switchboard.torrent.wire;
