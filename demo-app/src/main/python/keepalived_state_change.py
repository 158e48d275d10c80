# keepalived_state_change.py - Neutron's keepalived state-change monitor, its logic in Python 2.7, for Jython.
#
# A port of the behaviour (not the code) of neutron/agent/l3/keepalived_state_change.py, weaknesses included, so that
# jvm-audit can show them as Python findings when the script runs under Jython with the agent:
#   - daemonize() sets umask 0, so the state file written with open(state, 'w') (truncate, then write) is rw-rw-rw-;
#   - notify_agent() talks HTTP to the L3 agent without a timeout, and raises on a non-200 answer, which nothing in
#     read_queue() catches: the one thread that acts on VIP changes dies while the process runs on;
#   - handle_sigterm() stops and joins the queue reader only, then sys.exit(1): Python's exit then waits for every
#     other non-daemon thread (the IP monitor's netlink reader never ends), so SIGTERM never stops the process.
# The netlink socket is replaced by a scripted source of VIP changes, the L3 agent by a fake HTTP server on 127.0.0.1.
#
#   java -javaagent:agent/target/audit.jar -jar jython-standalone-2.7.4.jar \
#        demo-app/src/main/python/keepalived_state_change.py --l3-agent fail
import argparse
import BaseHTTPServer
import httplib
import os
import Queue
import signal
import sys
import tempfile
import threading
import time

INITIAL_STATE_READ_TIMEOUT = 10


def log(message, *args):
    sys.stdout.write((message % args) + '\n')
    sys.stdout.flush()


class ScriptedNetlink(object):
    """Stands in for the netlink socket of `ip monitor address`: a fixed script of VIP changes, then silence."""

    def __init__(self, interface, cidr, flaps, interval):
        self.interface = interface
        self.cidr = cidr
        self.events = Queue.Queue()
        for i in range(flaps):
            self.events.put({'name': interface, 'cidr': cidr, 'event': 'added' if i % 2 == 0 else 'removed'})
        self.interval = interval
        self.sent = flaps

    def current_addresses(self):
        return [{'name': self.interface, 'cidr': '192.0.2.10/24'}]

    def receive(self):
        time.sleep(self.interval)
        return self.events.get()  # blocks for ever once the script is played, as a quiet netlink socket does


def ip_monitor(netlink, queue, event_stop, event_started):
    """ip_lib.ip_monitor: a reader thread feeds the queue; stop waits 5 s for it, then gives up on it."""
    def read_netlink():
        while True:
            queue.put(netlink.receive())

    reader = threading.Thread(target=read_netlink)
    reader.start()
    event_started.set()
    event_stop.wait()
    reader.join(timeout=5)


class FakeL3Agent(BaseHTTPServer.BaseHTTPRequestHandler):
    status = 200

    def do_GET(self):
        self.send_response(FakeL3Agent.status)
        self.end_headers()

    def log_message(self, *args):
        pass


def start_fake_l3_agent(status):
    FakeL3Agent.status = status
    server = BaseHTTPServer.HTTPServer(('127.0.0.1', 0), FakeL3Agent)
    thread = threading.Thread(target=server.serve_forever, name='fake-l3-agent')
    thread.daemon = True
    thread.start()
    return server.server_address[1]


class MonitorDaemon(object):

    def __init__(self, router_id, conf_dir, interface, cidr, agent_port, netlink):
        self.router_id = router_id
        self.conf_dir = conf_dir
        self.interface = interface
        self.cidr = cidr
        self.agent_port = agent_port
        self.netlink = netlink
        self.event_stop = threading.Event()
        self.event_started = threading.Event()
        self.queue = Queue.Queue()
        self._initial_state = None
        self.handled = 0

    @property
    def initial_state(self):
        return self._initial_state

    @initial_state.setter
    def initial_state(self, state):
        # check-then-set without a lock, as the original
        if not self._initial_state:
            self._initial_state = state

    def daemonize(self):
        os.umask(0)
        signal.signal(signal.SIGTERM, self.handle_sigterm)

    def run(self):
        self._thread_initial_state = threading.Thread(target=self.handle_initial_state)
        self._thread_ip_monitor = threading.Thread(
            target=ip_monitor, args=(self.netlink, self.queue, self.event_stop, self.event_started))
        self._thread_read_queue = threading.Thread(target=self.read_queue)
        self._thread_initial_state.start()
        self._thread_ip_monitor.start()
        self._thread_read_queue.start()
        self._thread_initial_state.join(timeout=INITIAL_STATE_READ_TIMEOUT)
        if not self.initial_state:
            log('timeout reading the initial status of router %s, assuming backup', self.router_id)
            self.write_state_change('backup')
            self.notify_agent('backup')
        self.wait_for_script()
        self._thread_read_queue.join()

    def wait_for_script(self):
        deadline = time.time() + 2 + self.netlink.sent * (self.netlink.interval + 0.5)
        while self.handled < self.netlink.sent and self._thread_read_queue.is_alive() and time.time() < deadline:
            time.sleep(0.05)
        log('script played: %d VIP changes sent, %d handled; waiting for SIGTERM (pid %d)',
            self.netlink.sent, self.handled, os.getpid())

    def read_queue(self):
        self.event_started.wait()
        while not self.event_stop.is_set():
            try:
                event = self.queue.get(timeout=2)
            except Queue.Empty:
                event = None
            if not event:
                continue
            if event['name'] == self.interface and event['cidr'] == self.cidr:
                new_state = 'primary' if event['event'] == 'added' else 'backup'
                self.write_state_change(new_state)
                self.notify_agent(new_state)
                self.handled += 1

    def handle_initial_state(self):
        try:
            state = 'backup'
            for address in self.netlink.current_addresses():
                if address['name'] == self.interface and address['cidr'] == self.cidr:
                    state = 'primary'
                    break
            if not self.initial_state:
                self.write_state_change(state)
                self.notify_agent(state)
        except Exception:
            if not self.initial_state:
                log('failed to get the initial status of router %s', self.router_id)

    def write_state_change(self, state):
        self.initial_state = state
        with open(os.path.join(self.conf_dir, 'state'), 'w') as f:
            f.write(state)
        log('wrote router %s state %s', self.router_id, state)

    def notify_agent(self, state):
        conn = httplib.HTTPConnection('127.0.0.1', self.agent_port)
        conn.request('GET', '/', headers={'X-Neutron-Router-Id': self.router_id, 'X-Neutron-State': state})
        resp = conn.getresponse()
        resp.read()
        if resp.status != 200:
            raise Exception('Unexpected response: %s' % resp.status)
        log('notified the L3 agent: router %s is %s', self.router_id, state)

    def handle_sigterm(self, signum, frame):
        log('SIGTERM: stopping the queue reader')
        self.event_stop.set()
        self._thread_read_queue.join(timeout=5)
        log('SIGTERM handled: the queue reader is %s; exiting',
            'still running' if self._thread_read_queue.is_alive() else 'stopped')
        sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--router-id', default='demo-router-1')
    parser.add_argument('--conf-dir', default=None, help='where the state file goes (default: a new temporary directory)')
    parser.add_argument('--interface', default='eth0')
    parser.add_argument('--cidr', default='169.254.0.1/24', help='the VIP')
    parser.add_argument('--l3-agent', choices=['ok', 'fail'], default='ok', help='the fake L3 agent answers 200 or 500')
    parser.add_argument('--flaps', type=int, default=4)
    parser.add_argument('--interval', type=float, default=0.2)
    args = parser.parse_args()
    conf_dir = args.conf_dir or tempfile.mkdtemp(prefix='keepalived-')
    port = start_fake_l3_agent(200 if args.l3_agent == 'ok' else 500)
    netlink = ScriptedNetlink(args.interface, args.cidr, args.flaps, args.interval)
    daemon = MonitorDaemon(args.router_id, conf_dir, args.interface, args.cidr, port, netlink)
    log('monitoring router %s; state file %s', args.router_id, os.path.join(conf_dir, 'state'))
    daemon.daemonize()
    daemon.run()


if __name__ == '__main__':
    main()
