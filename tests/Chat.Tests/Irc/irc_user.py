#!/usr/bin/python3
"""One IRC user for ChatApp's tests, on Debian's python3-irc: a real IRC client library, driven over stdin.

Usage: irc_user.py HOST PORT NICK [--tls SHA256-PIN]
Commands, one a line: join CHANNEL | part CHANNEL REASON | say TARGET TEXT | action TARGET TEXT | nick NEW |
topic CHANNEL TEXT | quit REASON. Every event the library reports is printed as one line:
TYPE SOURCE-NICK TARGET :ARGUMENTS
"""
import hashlib
import os
import select
import ssl
import sys

import irc.client
import irc.connection


def main():
    host, port, nick = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    pin = sys.argv[5] if sys.argv[4:5] == ["--tls"] else None
    reactor = irc.client.IRC()
    reactor.add_global_handler("all_events", lambda connection, event: report(event), -10)
    reactor.add_global_handler("disconnect", lambda connection, event: sys.exit(0))
    factory = irc.connection.Factory()
    if pin:
        # The test certificate is self-signed: trust exactly its fingerprint, checked once connected.
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        factory = irc.connection.Factory(wrapper=lambda sock: context.wrap_socket(sock, server_hostname="localhost"))
    connection = reactor.server().connect(host, port, nick, username=nick, ircname=f"{nick} on python3-irc", connect_factory=factory)
    if pin:
        fingerprint = hashlib.sha256(connection.socket.getpeercert(binary_form=True)).hexdigest()
        print("tls", fingerprint == pin.lower().replace(":", ""), flush=True)

    pending = b""
    while True:
        reactor.process_once(0.02)
        if select.select([sys.stdin], [], [], 0)[0]:
            data = os.read(sys.stdin.fileno(), 4096)
            if not data:
                connection.quit("end of input")
                return
            pending += data
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                run(connection, line.decode().strip())


def run(connection, line):
    command, _, rest = line.partition(" ")
    first, _, text = rest.partition(" ")
    if command == "join":
        connection.join(first)
    elif command == "part":
        connection.part([first], text)
    elif command == "say":
        connection.privmsg(first, text)
    elif command == "action":
        connection.action(first, text)
    elif command == "nick":
        connection.nick(first)
    elif command == "topic":
        connection.topic(first, text)
    elif command == "quit":
        connection.quit(rest)


def report(event):
    if event.type == "all_raw_messages":
        return
    source = irc.client.NickMask(event.source).nick if event.source else ""
    print(f"{event.type} {source} {event.target} :{' '.join(str(a) for a in event.arguments)}", flush=True)


if __name__ == "__main__":
    main()
