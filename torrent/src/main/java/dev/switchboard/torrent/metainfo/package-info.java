/**
 * .torrent files (BEP 3, with BEP 12 tracker tiers, BEP 27 private flag and BEP 47 padding files).
 *
 * <p>{@link dev.switchboard.torrent.metainfo.MetainfoParser} reads a .torrent into a checked, immutable
 * {@link dev.switchboard.torrent.metainfo.Metainfo}, whose {@link dev.switchboard.torrent.InfoHash}
 * is the SHA-1 of exactly the info dictionary's bytes as they were in the file. Every file path is a
 * {@link dev.switchboard.torrent.metainfo.TorrentPath}, checked so that a download can never write
 * outside its directory. {@link dev.switchboard.torrent.metainfo.TorrentCreator} makes torrents from a
 * file or directory, hashing pieces on all cores with bounded memory, configured by an immutable
 * {@link dev.switchboard.torrent.metainfo.TorrentCreatorConfig}; {@link
 * dev.switchboard.torrent.metainfo.PieceLength} documents the automatic piece length. Every refusal is a
 * {@link dev.switchboard.torrent.metainfo.MetainfoException} naming the key or path at fault.
 */
package dev.switchboard.torrent.metainfo;
