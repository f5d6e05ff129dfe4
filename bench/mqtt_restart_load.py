#!/usr/bin/env python3
"""Raw MQTT 3.1.1 client for bench/mqtt-restart-vs-mosquitto.sh (any Python 3, no libraries).

  fill HOST PORT SESSIONS PER_SESSION SIZE  persistent sessions rs-00000.. (clean session 0), each
                                            subscribed to rs/<i>/# at QoS 1, then offline; then
                                            SESSIONS x PER_SESSION distinct QoS 1 messages of SIZE
                                            bytes, PER_SESSION to each session's topic, every one
                                            acknowledged (PUBACK) before this returns
  ready HOST PORT TIMEOUT                   connects again and again until a CONNECT gets its
                                            CONNACK; prints the milliseconds that took
  drain HOST PORT CLIENT_ID TIMEOUT         resumes one session and prints how many queued
                                            messages it received (acknowledging each)
"""
import socket
import struct
import sys
import time


def remaining_length(n):
    out = bytearray()
    while True:
        byte, n = n % 128, n // 128
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def string(s):
    b = s.encode()
    return struct.pack("!H", len(b)) + b


def packet(first, body):
    return bytes([first]) + remaining_length(len(body)) + body


def connect(client_id, clean):
    flags = 0x02 if clean else 0x00
    return packet(0x10, string("MQTT") + bytes([4, flags]) + struct.pack("!H", 600) + string(client_id))


def read_exact(sock, n):
    data = bytearray()
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("closed by the broker")
        data += chunk
    return bytes(data)


def read_packet(sock):
    first = read_exact(sock, 1)[0]
    length, shift = 0, 0
    while True:
        b = read_exact(sock, 1)[0]
        length |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            break
    return first, read_exact(sock, length)


def open_session(host, port, client_id, clean):
    sock = socket.create_connection((host, port), timeout=30)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.sendall(connect(client_id, clean))
    first, body = read_packet(sock)
    if first != 0x20 or body[1] != 0:
        raise RuntimeError(f"CONNACK refused {client_id}: {body.hex()}")
    return sock


def fill(host, port, sessions, per_session, size):
    started = time.monotonic()
    for i in range(sessions):
        sock = open_session(host, port, f"rs-{i:05d}", clean=False)
        topic = f"rs/{i}/#"
        sock.sendall(packet(0x82, struct.pack("!H", 1) + string(topic) + bytes([1])))
        first, body = read_packet(sock)
        if first != 0x90 or body[2] != 1:
            raise RuntimeError(f"SUBACK for {topic}: {body.hex()}")
        sock.sendall(b"\xe0\x00")
        sock.close()
    print(f"fill: {sessions} sessions in {time.monotonic() - started:.1f} s", file=sys.stderr)
    pub = open_session(host, port, "rs-publisher", clean=True)
    filler = b"x" * max(0, size - 16)
    window, packet_id, sent, acked = 256, 0, 0, 0
    total = sessions * per_session
    started = time.monotonic()
    while acked < total:
        batch = bytearray()
        while sent < total and sent - acked < window:
            packet_id = packet_id % 65535 + 1
            body = string(f"rs/{sent % sessions}/t") + struct.pack("!H", packet_id) \
                + struct.pack("!QQ", sent, 0) + filler
            batch += packet(0x32, body)
            sent += 1
        if batch:
            pub.sendall(batch)
        first, _ = read_packet(pub)
        if first == 0x40:
            acked += 1
    pub.sendall(b"\xe0\x00")
    pub.close()
    print(f"fill: {total} messages acknowledged in {time.monotonic() - started:.1f} s", file=sys.stderr)


def ready(host, port, timeout):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            sock = open_session(host, port, "rs-probe", clean=True)
            elapsed = time.monotonic() - started
            sock.sendall(b"\xe0\x00")
            sock.close()
            print(f"{elapsed * 1000:.0f}")
            return
        except (OSError, ConnectionError, RuntimeError):
            time.sleep(0.01)  # polling a port that is not open yet; nothing to wait on
    sys.exit(f"error: no CONNACK from {host}:{port} within {timeout} s")


def drain(host, port, client_id, timeout):
    sock = open_session(host, port, client_id, clean=False)
    sock.settimeout(timeout)
    received = 0
    try:
        while True:
            first, body = read_packet(sock)
            if first & 0xF0 == 0x30:
                topic_len = struct.unpack("!H", body[:2])[0]
                packet_id = body[2 + topic_len:4 + topic_len]
                sock.sendall(b"\x40\x02" + packet_id)
                received += 1
    except socket.timeout:
        pass
    sock.close()
    print(received)


def main():
    command, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if command == "fill":
        fill(host, port, int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    elif command == "ready":
        ready(host, port, float(sys.argv[4]))
    elif command == "drain":
        drain(host, port, sys.argv[4], float(sys.argv[5]))
    else:
        sys.exit(f"error: unknown command {command}")


if __name__ == "__main__":
    main()
