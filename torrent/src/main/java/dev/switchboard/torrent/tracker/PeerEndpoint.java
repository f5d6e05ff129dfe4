package dev.switchboard.torrent.tracker;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Where a peer accepts BitTorrent connections: the address its request came from and the port it
 * announced. A peer is known by its endpoint, as opentracker does: one entry per address and port,
 * however often its peer id changes.
 */
public record PeerEndpoint(InetAddress address, int port) {
    public PeerEndpoint {
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    @Override
    public String toString() {
        return isIpv6() ? "[" + address.getHostAddress() + "]:" + port : address.getHostAddress() + ":" + port;
    }
}
