# The seed's server program (../shared/seed, "서버"), unchanged but for the port, which the test
# passes as the first argument, and flushed prints so the test can read them as they happen.
import functools
import socket
import sys

print = functools.partial(print, flush=True)

server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server_address = ('localhost', int(sys.argv[1]))
server_socket.bind(server_address)
server_socket.listen(1)

while True:
    print("Waiting for a client connection...")
    client_socket, client_address = server_socket.accept()

    data = client_socket.recv(1024)
    print("Received data from", client_address, ":", data)

    response = b"Hello, client!"
    client_socket.sendall(response)

    client_socket.close()
