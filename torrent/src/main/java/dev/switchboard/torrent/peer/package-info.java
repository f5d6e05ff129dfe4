/**
 * One BitTorrent peer connection: its protocol state ({@link dev.switchboard.torrent.peer.PeerConnection},
 * plain Java, testable without Netty) and its pipeline ({@link
 * dev.switchboard.torrent.peer.PeerChannelInitializer}).
 *
 * <p>A download engine implements {@link dev.switchboard.torrent.peer.ServedTorrent} (and a {@link
 * dev.switchboard.torrent.peer.TorrentLookup} for a listener); when a handshake completes it gets the
 * {@link dev.switchboard.torrent.peer.PeerConnection} to drive and returns the {@link
 * dev.switchboard.torrent.peer.PeerListener} that hears its events. Everything for one connection runs
 * on its channel's event loop. Bounds and timings are in {@link
 * dev.switchboard.torrent.peer.PeerConnectionConfig}; the torrent's shape in {@link
 * dev.switchboard.torrent.peer.PieceGeometry}.
 */
package dev.switchboard.torrent.peer;
