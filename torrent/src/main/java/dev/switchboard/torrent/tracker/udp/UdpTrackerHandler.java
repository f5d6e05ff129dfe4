package dev.switchboard.torrent.tracker.udp;

import dev.switchboard.torrent.tracker.Announce;
import dev.switchboard.torrent.tracker.AnnounceResult;
import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.Peer;
import dev.switchboard.torrent.tracker.PeerEndpoint;
import dev.switchboard.torrent.tracker.PeerFamilies;
import dev.switchboard.torrent.tracker.ScrapeStats;
import dev.switchboard.torrent.tracker.TrackerException;
import dev.switchboard.torrent.tracker.TrackerState;
import dev.switchboard.torrent.tracker.udp.UdpTrackerRequest.AnnounceRequest;
import dev.switchboard.torrent.tracker.udp.UdpTrackerRequest.ConnectRequest;
import dev.switchboard.torrent.tracker.udp.UdpTrackerRequest.ScrapeRequest;
import dev.switchboard.torrent.tracker.udp.UdpTrackerResponse.AnnounceResponse;
import dev.switchboard.torrent.tracker.udp.UdpTrackerResponse.ConnectResponse;
import dev.switchboard.torrent.tracker.udp.UdpTrackerResponse.ErrorResponse;
import dev.switchboard.torrent.tracker.udp.UdpTrackerResponse.ScrapeResponse;
import dev.switchboard.transport.RateLimitedLog;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers BEP 15 datagrams: connect, announce and scrape, each announce and scrape only with a
 * connection id that checks ({@link ConnectionIds}); anything wrong is answered with an error
 * (action 3) under the request's transaction id. Stateless (the swarms live in {@link TrackerState}),
 * so one instance serves the socket.
 */
@Sharable
public final class UdpTrackerHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    static final String BAD_CONNECTION_ID = "connection id expired or invalid: connect again";
    private static final Logger LOG = LoggerFactory.getLogger(UdpTrackerHandler.class);

    private final TrackerState state;
    private final ConnectionIds connectionIds;
    private final UdpTrackerDecoder decoder;
    private final RateLimitedLog badRequests = new RateLimitedLog(LOG, Duration.ofSeconds(10));
    private final RateLimitedLog dropped = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    public UdpTrackerHandler(TrackerState state, ConnectionIds connectionIds) {
        this.state = state;
        this.connectionIds = connectionIds;
        this.decoder = new UdpTrackerDecoder(state.config().maxScrapeHashes());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress sender = packet.sender();
        UdpTrackerResponse response;
        try {
            UdpTrackerRequest request = decoder.decode(packet.content());
            response = answer(request, sender);
        } catch (UdpTrackerDecodeException e) {
            badRequests.warn("tracker: bad UDP request from {}: {}", sender, e.reason());
            if (!e.hasTransactionId()) {
                return;
            }
            response = new ErrorResponse(e.transactionId(), e.reason());
        }
        if (!ctx.channel().isWritable()) {
            dropped.warn("tracker: UDP send buffer full; dropping replies (to {} and maybe others)", sender);
            return;
        }
        ctx.write(new DatagramPacket(UdpTrackerEncoder.encode(response, ctx.alloc()), sender), ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    private UdpTrackerResponse answer(UdpTrackerRequest request, InetSocketAddress sender) {
        if (request instanceof ConnectRequest connect) {
            return new ConnectResponse(connect.transactionId(), connectionIds.issue(sender));
        }
        long connectionId = request instanceof AnnounceRequest a ? a.connectionId()
                : ((ScrapeRequest) request).connectionId();
        if (!connectionIds.isValid(connectionId, sender)) {
            badRequests.warn("tracker: UDP request from {} with an expired or invalid connection id", sender);
            return new ErrorResponse(request.transactionId(), BAD_CONNECTION_ID);
        }
        try {
            return request instanceof AnnounceRequest a ? announce(a, sender) : scrape((ScrapeRequest) request);
        } catch (TrackerException e) {
            return new ErrorResponse(request.transactionId(), e.reason());
        }
    }

    private AnnounceResponse announce(AnnounceRequest request, InetSocketAddress sender) {
        PeerEndpoint endpoint = new PeerEndpoint(sender.getAddress(), request.port());
        int numWant = request.numWant() < 0 ? Announce.NUMWANT_UNSET : request.numWant();
        Announce announce = new Announce(request.infoHash(), request.peerId(), endpoint, request.uploaded(),
                request.downloaded(), request.left(), request.event(), numWant);
        AnnounceResult result = state.announce(announce, PeerFamilies.of(endpoint));
        List<PeerEndpoint> peers = new ArrayList<>(result.peers().size());
        for (Peer peer : result.peers()) {
            peers.add(peer.endpoint());
        }
        return new AnnounceResponse(request.transactionId(), (int) result.interval().toSeconds(),
                result.leechers(), result.seeders(), peers);
    }

    private ScrapeResponse scrape(ScrapeRequest request) {
        List<ScrapeStats> stats = new ArrayList<>(request.infoHashes().size());
        for (InfoHash infoHash : request.infoHashes()) {
            stats.add(state.scrape(infoHash));
        }
        return new ScrapeResponse(request.transactionId(), stats);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a UDP socket serves everyone: never close it over one bad datagram or a failed send
        badRequests.warn("tracker: UDP error: {}", cause.toString());
    }
}
