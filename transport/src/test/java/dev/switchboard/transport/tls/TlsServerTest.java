package dev.switchboard.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.TestCertificates;
import dev.switchboard.testkit.TestCertificates.Issued;
import dev.switchboard.transport.TcpServer;
import dev.switchboard.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real TLS listener on loopback built from {@link ReloadingSslContext} and
 * {@link TlsIdentityHandler}: client certificates, refused protocols, and reloads that leave
 * established connections alone. The server answers each line with what it knows of the peer.
 */
class TlsServerTest {
    @TempDir
    Path dir;
    TestCertificates certs;
    Issued server;
    Path certFile;
    Path keyFile;
    EventLoopGroup group;
    Channel listener;
    ReloadingSslContext ssl;

    @BeforeEach
    void setUp() throws IOException {
        certs = TestCertificates.create(dir);
        server = certs.server("server");
        certFile = Files.copy(server.cert(), dir.resolve("live.pem"));
        keyFile = Files.copy(server.key(), dir.resolve("live.key"));
        group = Transport.nio().newGroup("tls-test", 1);
    }

    @AfterEach
    void tearDown() {
        if (ssl != null) {
            ssl.close();
        }
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        Transport.shutdown(group);
    }

    private int start(TlsConfig config) {
        ssl = ReloadingSslContext.load("test", config);
        listener = TcpServer.bind(Transport.nio(), group, group, new InetSocketAddress("127.0.0.1", 0),
                new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(ssl.current().newHandler(ch.alloc()), TlsIdentityHandler.of(true),
                                new WhoAmI());
                    }
                });
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Answers every read with "protocol CN username", from the channel's TlsIdentity. */
    private static final class WhoAmI extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
            String answer = TlsIdentity.of(ctx.channel()).map(id -> id.protocol() + " "
                    + id.commonName().orElse("-") + " " + id.username().orElse("-")).orElse("none");
            ctx.writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), answer + "\n"));
        }
    }

    private static SSLSocket connect(SSLContext context, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        socket.startHandshake();
        return socket;
    }

    private static String ask(SSLSocket socket) throws IOException {
        socket.getOutputStream().write("who\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }

    private static BigInteger serialSeen(SSLSocket socket) throws IOException {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }

    @Test
    void clientCertificateCommonNameBecomesTheIdentity() throws Exception {
        int port = start(TlsConfig.of(certFile, keyFile).requiringClientCertificates(certs.caFile()));
        try (SSLSocket socket = connect(certs.clientContext(certs.client("alice")), port)) {
            assertThat(ask(socket)).isEqualTo("TLSv1.3 alice alice");
        }
    }

    @Test
    void withoutClientCertificatesTheIdentityHasNoName() throws Exception {
        int port = start(TlsConfig.of(certFile, keyFile));
        try (SSLSocket socket = connect(certs.clientContext(null), port)) {
            assertThat(ask(socket)).isEqualTo("TLSv1.3 - -");
            assertThat(serialSeen(socket)).isEqualTo(server.serial());
        }
    }

    @Test
    void clientWithoutCertificateIsRefusedWhenOneIsRequired() throws Exception {
        int port = start(TlsConfig.of(certFile, keyFile).requiringClientCertificates(certs.caFile()));
        Throwable refused = catchThrowable(() -> {
            try (SSLSocket socket = connect(certs.clientContext(null), port)) {
                assertThat(ask(socket)).isNull();
            }
        });
        assertThat(refused).isInstanceOf(IOException.class);
    }

    @Test
    void clientCertificateFromAnotherCaIsRefused() throws Exception {
        int port = start(TlsConfig.of(certFile, keyFile).requiringClientCertificates(certs.caFile()));
        TestCertificates stranger = TestCertificates.create(Files.createDirectory(dir.resolve("other")), "Other CA");
        // trusts the server's CA but presents a certificate the other CA signed
        Throwable refused = catchThrowable(() -> {
            try (SSLSocket socket = connect(certs.clientContext(stranger.client("eve")), port)) {
                assertThat(ask(socket)).isNull();
            }
        });
        assertThat(refused).isInstanceOf(IOException.class);
    }

    @Test
    void tls11IsRefusedAndTls12Accepted() throws Exception {
        int port = start(TlsConfig.of(certFile, keyFile));
        assertThat(sClient(port, "-tls1_2").exitValue).as("TLS 1.2 handshake").isZero();
        OpenSsl tls11 = sClient(port, "-tls1_1");
        assertThat(tls11.exitValue).as("TLS 1.1 handshake: %s", tls11.output).isNotZero();
        assertThat(tls11.output).doesNotContain("Cipher is ECDHE");
    }

    private record OpenSsl(int exitValue, String output) {
    }

    private OpenSsl sClient(int port, String protocol) throws Exception {
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, protocol,
                "-cipher", "DEFAULT:@SECLEVEL=0", "-CAfile", certs.caFile().toString(), "-verify_return_error")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new OpenSsl(p.exitValue(), output);
    }

    @Test
    void reloadServesTheNewCertificateToNewConnectionsAndKeepsOldOnes() throws Exception {
        int port = start(TlsConfig.of(certFile, keyFile));
        SSLContext client = certs.clientContext(null);
        try (SSLSocket before = connect(client, port)) {
            assertThat(serialSeen(before)).isEqualTo(server.serial());
            Issued renewed = certs.server("renewed");
            replaceFiles(renewed);
            assertThat(ssl.reload()).isTrue();
            assertThat(ask(before)).isEqualTo("TLSv1.3 - -");
            try (SSLSocket after = connect(client, port)) {
                assertThat(serialSeen(after)).isEqualTo(renewed.serial());
            }
        }
    }

    @Test
    void failedReloadKeepsThePreviousCertificate() throws Exception {
        int port = start(TlsConfig.of(certFile, keyFile));
        Files.writeString(certFile, "-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----\n");
        assertThat(ssl.reload()).isFalse();
        try (SSLSocket socket = connect(certs.clientContext(null), port)) {
            assertThat(serialSeen(socket)).isEqualTo(server.serial());
        }
    }

    @Test
    void watcherReloadsWhenTheFilesChangeOnDisk() throws Exception {
        start(TlsConfig.of(certFile, keyFile));
        assertThat(ssl.reloadIfChanged()).as("nothing changed yet").isFalse();
        ssl.watch(Duration.ofMillis(50));
        Issued renewed = certs.server("renewed");
        replaceFiles(renewed);
        await().atMost(Duration.ofSeconds(10)).until(() -> ssl.certificate().getSerialNumber().equals(renewed.serial()));
    }

    private void replaceFiles(Issued renewed) throws IOException {
        Path cert = Files.copy(renewed.cert(), dir.resolve("next.pem"));
        Path key = Files.copy(renewed.key(), dir.resolve("next.key"));
        Files.move(key, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(cert, certFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
