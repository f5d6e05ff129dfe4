package dev.switchboard.torrent.tracker;

/** Which peers a reply can carry: a UDP reply only its own socket's family (BEP 15), HTTP both (BEP 7). */
public enum PeerFamilies {
    IPV4,
    IPV6,
    BOTH;

    /** The family of {@code endpoint} alone. */
    public static PeerFamilies of(PeerEndpoint endpoint) {
        return endpoint.isIpv6() ? IPV6 : IPV4;
    }
}
