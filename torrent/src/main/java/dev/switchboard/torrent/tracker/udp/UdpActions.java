package dev.switchboard.torrent.tracker.udp;

/** BEP 15 action codes, the same in a request and its response. */
final class UdpActions {
    static final int CONNECT = 0;
    static final int ANNOUNCE = 1;
    static final int SCRAPE = 2;
    static final int ERROR = 3;

    private UdpActions() {
    }
}
