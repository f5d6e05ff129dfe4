# The seed's publisher (../shared/seed, "발행자"), unchanged but for where it connects: the test
# passes host and port (our tests never use a fixed port) and, optionally, "5" to speak MQTT 5.0;
# without it the client is paho's default, MQTT 3.1.1, exactly as the seed's mqtt.Client().
# Note what the seed does: CONNECT, PUBLISH and DISCONNECT are written back to back, without
# waiting for CONNACK and without ever running the network loop.
import sys

import paho.mqtt.client as mqtt

protocol = mqtt.MQTTv5 if sys.argv[3:] == ["5"] else mqtt.MQTTv311

mqtt_client = mqtt.Client(protocol=protocol)
mqtt_client.connect(sys.argv[1], int(sys.argv[2]))

topic = "example/topic"
message = "Hello, subscribers!"
mqtt_client.publish(topic, message)

mqtt_client.disconnect()
