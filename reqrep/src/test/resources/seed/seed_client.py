# The seed's client program (../shared/seed, "클라이언트"), unchanged but for the port, which the
# test passes as the first argument because our tests never use a fixed port.
import socket
import sys

client_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server_address = ('localhost', int(sys.argv[1]))
client_socket.connect(server_address)

data = b"Hello, server!"
client_socket.sendall(data)

received_data = client_socket.recv(1024)
print("Received data:", received_data)

client_socket.close()
