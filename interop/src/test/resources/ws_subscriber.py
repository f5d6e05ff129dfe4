# MQTT over WebSocket with paho: host port topic [cafile]. Connects to ws://host:port/mqtt
# (wss:// with a CA file), subscribes to topic, prints "subscribed", then one line per message:
# "<topic> <payload>". Run it with python3 -u so each line reaches the test as it is printed.
import sys

import paho.mqtt.client as mqtt

host, port, topic = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def on_connect(client, userdata, flags, rc):
    if rc != 0:
        print("connect refused", rc, file=sys.stderr)
        sys.exit(1)
    client.subscribe(topic, qos=1)

def on_subscribe(client, userdata, mid, granted_qos):
    print("subscribed")

def on_message(client, userdata, message):
    print(message.topic, message.payload.decode("utf-8"))

client = mqtt.Client(client_id="ws-sub", transport="websockets")
client.ws_set_options(path="/mqtt")
if len(sys.argv) > 4:
    client.tls_set(ca_certs=sys.argv[4])
client.on_connect = on_connect
client.on_subscribe = on_subscribe
client.on_message = on_message
client.connect(host, port)
client.loop_forever()
