/**
 * The peer-to-peer pattern: BitTorrent metainfo ({@code metainfo}), tracker ({@code tracker}) and
 * peer. Wire layouts live only in the {@code wire} and codec packages.
 */
package dev.switchboard.torrent;
