# A Paho Python client with a will, for interop scenario 04.
# Arguments: host port protocol will-topic will-payload mode
#   protocol: "5" for MQTT 5.0, anything else for 3.1.1
#   mode: "stay"       - print "connected" once CONNACK arrived, then keep the connection open until
#                        the test kills the process (the broker must then publish the will);
#         "disconnect" - disconnect normally (DISCONNECT) once connected and exit (no will).
import sys

import paho.mqtt.client as mqtt

host, port, protocol, will_topic, will_payload, mode = sys.argv[1:7]
protocol = mqtt.MQTTv5 if protocol == "5" else mqtt.MQTTv311


def on_connect(client, userdata, flags, rc, properties=None):
    if rc != 0:
        print("refused:", rc)
        client.disconnect()
        return
    print("connected")
    if mode == "disconnect":
        client.disconnect()


client = mqtt.Client(client_id="will-" + mode, protocol=protocol)
client.on_connect = on_connect
client.will_set(will_topic, will_payload, qos=1, retain=False)
client.connect(host, int(port), keepalive=60)
client.loop_forever()
print("disconnected")
