# The seed's subscriber (../shared/seed, "구독자"), unchanged but for where it connects: the test
# passes host and port (our tests never use a fixed port) and, optionally, "5" to speak MQTT 5.0;
# without it the client is paho's default, MQTT 3.1.1, exactly as the seed's mqtt.Client().
# Run it with python3 -u so each line reaches the test as it is printed.
import sys

import paho.mqtt.client as mqtt

protocol = mqtt.MQTTv5 if sys.argv[3:] == ["5"] else mqtt.MQTTv311

def on_message(client, userdata, message):
    topic = message.topic
    payload = str(message.payload.decode("utf-8"))
    print("Received message:", payload, "from topic:", topic)

mqtt_client = mqtt.Client(protocol=protocol)
mqtt_client.on_message = on_message
mqtt_client.connect(sys.argv[1], int(sys.argv[2]))

topic = "example/topic"
mqtt_client.subscribe(topic)
mqtt_client.loop_forever()
