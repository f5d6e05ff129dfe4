#!/usr/bin/python3
"""A libtorrent-rasterbar peer (python3-libtorrent) for the BitTorrent interop scenarios.

usage: lt_peer.py seed  TORRENT DIR PORT   hash-checks DIR/<name>, prints "seeding", seeds until killed
       lt_peer.py leech TORRENT DIR PORT   downloads into DIR, prints "complete" and exits 0 when every
                                           piece is verified and written
       lt_peer.py create SOURCE OUT.torrent TRACKER PIECE_LENGTH [hybrid]
                                           makes a torrent (v1 only unless "hybrid": v1+v2 with BEP 47
                                           padding files) and prints "info-hash HEX" (the v1 info-hash)
Confined to 127.0.0.1: DHT, LSD, UPnP, NAT-PMP, peer exchange and uTP off; TCP only.
Lines go to standard output, unbuffered with python3 -u; a failure is "error: ..." and exit code 2.
"""
import os
import sys

import libtorrent as lt


def create(source, out, tracker, piece_length, hybrid):
    files = lt.file_storage()
    lt.add_files(files, source)
    flags = 0 if hybrid else lt.create_torrent.v1_only
    torrent = lt.create_torrent(files, piece_length, flags=flags)
    torrent.add_tracker(tracker)
    torrent.set_creator("libtorrent " + lt.__version__)
    lt.set_piece_hashes(torrent, os.path.dirname(os.path.abspath(source)))
    data = lt.bencode(torrent.generate())
    with open(out, "wb") as f:
        f.write(data)
    info = lt.torrent_info(out)
    print("info-hash", str(info.info_hashes().v1))
    return 0


def session(port):
    settings = {
        "listen_interfaces": f"127.0.0.1:{port}",
        "outgoing_interfaces": "127.0.0.1",
        "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        "dht_bootstrap_nodes": "",
        "enable_outgoing_utp": False, "enable_incoming_utp": False,
        "allow_multiple_connections_per_ip": True,  # every peer is 127.0.0.1
        "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.status_notification,
        "user_agent": "switchboard-interop libtorrent/" + lt.__version__,
    }
    ses = lt.session(settings, flags=0)  # no default plugins: no ut_pex
    ses.add_extension("ut_metadata")
    return ses


def run(mode, torrent, directory, port):
    ses = session(port)
    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(torrent)
    params.save_path = directory
    handle = ses.add_torrent(params)
    announced = False
    while True:
        ses.wait_for_alert(100)
        for alert in ses.pop_alerts():
            if alert.category() & lt.alert.category_t.error_notification:
                print("alert:", alert.message(), flush=True)
        status = handle.status()
        if status.errc.value() != 0:
            print("error:", status.errc.message(), flush=True)
            return 2
        if status.is_seeding and not announced:
            if mode == "leech":
                handle.flush_cache()
                ses.pause()
                print("complete", status.total_payload_download, flush=True)
                return 0
            print("seeding", flush=True)
            announced = True
        if mode == "seed" and not status.is_seeding and status.state == lt.torrent_status.downloading:
            print("error: the seed directory does not hold the torrent's data", flush=True)
            return 2


def main(argv):
    mode = argv[1]
    if mode == "create":
        return create(argv[2], argv[3], argv[4], int(argv[5]), len(argv) > 6 and argv[6] == "hybrid")
    if mode in ("seed", "leech"):
        return run(mode, argv[2], argv[3], int(argv[4]))
    print("error: unknown mode", mode, flush=True)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
