package dev.switchboard.torrent.announce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.TestCertificates;
import dev.switchboard.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Announces over HTTPS: the certificate must chain to a trusted CA and name the host in the URL. */
class HttpsTrackerClientTest {
    private static final AnnounceConfig CONFIG = AnnounceConfig.builder().httpTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;
    private final Transport transport = Transport.best();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private EventLoopGroup group;
    private TestCertificates ca;

    @BeforeEach
    void start() {
        group = transport.newGroup("https-tracker-test", 1);
        ca = TestCertificates.create(dir);
    }

    @AfterEach
    void stop() {
        Transport.shutdown(group);
    }

    /** An HTTPS tracker with a certificate for 127.0.0.1 and localhost, listening on {@code host}; returns its port. */
    private int tracker(String host) throws Exception {
        TestCertificates.Issued cert = ca.server("tracker");
        SslContext tls = SslContextBuilder.forServer(cert.cert().toFile(), cert.key().toFile()).build();
        Channel listener = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannelClass())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(4096), new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                        queries.add(URI.create(request.uri()).getRawQuery());
                                        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                HttpResponseStatus.OK, Unpooled.copiedBuffer(
                                                        "d8:intervali900e5:peers0:e", StandardCharsets.ISO_8859_1));
                                        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH,
                                                response.content().readableBytes());
                                        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                                    }
                                });
                    }
                })
                .bind(host, 0).sync().channel();
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private HttpTrackerClient client(String url, SslContext trust) {
        return new HttpTrackerClient(URI.create(url), group, transport, () -> trust, CONFIG);
    }

    private SslContext trustingOurCa() throws Exception {
        return SslContextBuilder.forClient().trustManager(ca.caFile().toFile()).build();
    }

    @Test
    void announcesToATrackerWhoseCertificateIsTrustedAndNamesTheHost() throws Exception {
        int port = tracker("127.0.0.1");

        AnnounceResponse response = client("https://127.0.0.1:" + port + "/announce", trustingOurCa())
                .announce(UdpTrackerClientTest.REQUEST).get(30, TimeUnit.SECONDS);

        assertThat(response.interval()).isEqualTo(Duration.ofSeconds(900));
        assertThat(queries).singleElement().asString().startsWith("info_hash=%AB%AB").contains("compact=1");
    }

    @Test
    void aCertificateFromAnUnknownCaIsRefused() throws Exception {
        int port = tracker("127.0.0.1");
        try (TrackerClients clients = new TrackerClients(CONFIG)) { // the JDK's trust store: our test CA is not in it
            AnnounceException e = AnnounceFailure.of(clients.open(URI.create("https://127.0.0.1:" + port + "/announce"))
                    .announce(UdpTrackerClientTest.REQUEST));

            assertThat(e.kind()).isEqualTo(AnnounceException.Kind.UNREACHABLE);
            assertThat(e.getMessage()).startsWith("TLS handshake with the tracker failed");
        }
        assertThat(queries).isEmpty();
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        int port = tracker("127.0.0.2"); // the certificate names 127.0.0.1 and localhost only

        AnnounceException e = AnnounceFailure.of(client("https://127.0.0.2:" + port + "/announce", trustingOurCa())
                .announce(UdpTrackerClientTest.REQUEST));

        assertThat(e.kind()).isEqualTo(AnnounceException.Kind.UNREACHABLE);
        assertThat(e.getMessage()).startsWith("TLS handshake with the tracker failed");
        assertThat(queries).isEmpty();
    }
}
