/**
 * The BitTorrent tracker client: announce to HTTP (BEP 3, 23, 7) and UDP (BEP 15) trackers and keep
 * a torrent announced across its BEP 12 tiers.
 *
 * <p>Start with {@link dev.switchboard.torrent.announce.Announcer}: one per torrent, fed by a
 * {@link dev.switchboard.torrent.announce.TrackerClients} shared by all torrents. The single-tracker
 * clients ({@link dev.switchboard.torrent.announce.HttpTrackerClient},
 * {@link dev.switchboard.torrent.announce.UdpTrackerClient}) can be used on their own.
 */
package dev.switchboard.torrent.announce;
