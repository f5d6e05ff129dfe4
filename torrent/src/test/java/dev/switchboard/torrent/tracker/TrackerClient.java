package dev.switchboard.torrent.tracker;

import dev.switchboard.bencode.BDictionary;
import dev.switchboard.bencode.BencodeDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Test-side HTTP tracker requests over a plain socket, so any bytes can be sent and read exactly. */
public final class TrackerClient {
    private TrackerClient() {
    }

    /** A reply: status code and body. */
    public record Reply(int status, byte[] body) {
        public BDictionary bencoded() {
            return (BDictionary) new BencodeDecoder().decode(body);
        }

        public String failureReason() {
            return bencoded().optionalString("failure reason").orElse(null);
        }
    }

    /** Every byte as {@code %XX}, as the strictest clients encode binary values. */
    public static String percentEncode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            out.append('%').append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }

    /** An announce query for {@code infoHash} from a peer on {@code port}. */
    public static String announceQuery(byte[] infoHash, int port, long left, String extra) {
        byte[] peerId = Arrays.copyOf("-SB0001-".getBytes(StandardCharsets.US_ASCII), 20);
        peerId[18] = (byte) (port >> 8);
        peerId[19] = (byte) port;
        return "info_hash=" + percentEncode(infoHash) + "&peer_id=" + percentEncode(peerId) + "&port=" + port
                + "&uploaded=0&downloaded=0&left=" + left + extra;
    }

    /** Sends {@code request} as is on a new connection and reads the reply until the server closes or it is complete. */
    public static Reply exchange(InetSocketAddress server, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** {@code GET target HTTP/1.0} on a new connection. */
    public static Reply get(InetSocketAddress server, String target) throws IOException {
        return exchange(server, ("GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) > 0) {
            all.write(chunk, 0, n);
            Reply reply = parse(all.toByteArray());
            if (reply != null) {
                return reply;
            }
        }
        Reply reply = parse(all.toByteArray());
        if (reply == null) {
            throw new IOException("no complete HTTP reply: " + all.size() + " bytes");
        }
        return reply;
    }

    private static Reply parse(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return null;
        }
        String head = text.substring(0, end);
        int length = -1;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (length < 0 || data.length < end + 4 + length) {
            return null;
        }
        int status = Integer.parseInt(head.split(" ")[1]);
        return new Reply(status, Arrays.copyOfRange(data, end + 4, end + 4 + length));
    }
}
