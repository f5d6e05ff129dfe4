package dev.switchboard.torrent.tracker;

/** The {@code event} of an announce; the codes are BEP 15's. */
public enum AnnounceEvent {
    /** A regular announce at the interval. */
    NONE(0),
    /** The download finished (sent once, not by peers that started complete). */
    COMPLETED(1),
    /** The first announce of a peer. */
    STARTED(2),
    /** The peer leaves the swarm. */
    STOPPED(3);

    private final int udpCode;

    AnnounceEvent(int udpCode) {
        this.udpCode = udpCode;
    }

    public int udpCode() {
        return udpCode;
    }

    /** @throws IllegalArgumentException for a code BEP 15 does not define */
    public static AnnounceEvent ofUdpCode(int code) {
        for (AnnounceEvent event : values()) {
            if (event.udpCode == code) {
                return event;
            }
        }
        throw new IllegalArgumentException("unknown event " + Integer.toUnsignedString(code)
                + " (0 none, 1 completed, 2 started, 3 stopped)");
    }
}
