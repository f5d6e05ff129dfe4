#!/bin/sh
# Transmission 3.00 (transmission-cli) for the BitTorrent interop scenarios.
# usage: tr_peer.sh seed|leech TORRENT DIR PORT
#   seed : verifies DIR/<name> and seeds until killed
#   leech: downloads into DIR; when the torrent is complete its done script prints "complete" and
#          stops transmission-cli, which then exits 0
# Confined to 127.0.0.1 by settings.json: DHT, LPD, PEX, uTP, port mapping, RPC and blocklist off.
# Its settings live in DIR/../transmission-PORT. transmission-cli replaces this shell (exec), so killing
# the process the test started kills Transmission.
set -eu
mode=$1 torrent=$2 dir=$3 port=$4
config=$(dirname "$dir")/transmission-$port
mkdir -p "$config"
cat >"$config/settings.json" <<JSON
{
  "bind-address-ipv4": "127.0.0.1",
  "bind-address-ipv6": "::1",
  "peer-port": $port,
  "peer-port-random-on-start": false,
  "dht-enabled": false,
  "lpd-enabled": false,
  "pex-enabled": false,
  "utp-enabled": false,
  "port-forwarding-enabled": false,
  "rpc-enabled": false,
  "blocklist-enabled": false,
  "speed-limit-down-enabled": false,
  "speed-limit-up-enabled": false,
  "alt-speed-enabled": false,
  "ratio-limit-enabled": false,
  "idle-seeding-limit-enabled": false,
  "encryption": 1,
  "download-dir": "$dir",
  "incomplete-dir-enabled": false,
  "rename-partial-files": false,
  "message-level": 1
}
JSON
done_script=$config/done.sh
if [ "$mode" = leech ]; then
  printf '#!/bin/sh\necho complete\nkill -INT $PPID\n' >"$done_script"
else
  printf '#!/bin/sh\necho seeding\n' >"$done_script"
fi
chmod +x "$done_script"
exec transmission-cli -g "$config" -p "$port" -w "$dir" -f "$done_script" -M -B -D -U -ep "$torrent"
