package dev.switchboard.transport;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Parsing and printing of {@code host:port} as users type and read it. */
public final class Addresses {
    private Addresses() {
    }

    /** {@code 127.0.0.1:1234}, {@code [::1]:1234}; the host is not resolved here. */
    public static String format(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet)) {
            return String.valueOf(address);
        }
        String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        if (inet.getAddress() instanceof Inet6Address || host.contains(":")) {
            host = "[" + host + "]";
        }
        return host + ":" + inet.getPort();
    }

    /**
     * Parses {@code HOST:PORT} (IPv6 as {@code [::1]:PORT}) into an unresolved address.
     *
     * @throws IllegalArgumentException with a message fit for a user
     */
    public static InetSocketAddress parseHostPort(String text) {
        String trimmed = text.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("write an IPv6 address in brackets, as [::1]:PORT, got '" + text + "'");
        }
        return InetSocketAddress.createUnresolved(host, parsePort(trimmed.substring(colon + 1), text));
    }

    private static int parsePort(String port, String whole) {
        try {
            int value = Integer.parseInt(port);
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + value + " in '" + whole + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number in '" + whole + "'");
        }
    }
}
